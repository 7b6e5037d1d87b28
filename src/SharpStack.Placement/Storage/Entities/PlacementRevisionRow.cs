namespace SharpStack.Placement.Storage.Entities;

/// <summary>The single row counting every change to providers, inventories, allocations, traits, classes and
/// aggregates (database triggers bump it), so a cached allocation-candidates answer can tell it is still current.</summary>
public sealed class PlacementRevisionRow
{
    public int Id { get; set; }
    public long Value { get; set; }
}
