namespace SharpStack.Placement.Storage.Entities;

/// <summary>A resource provider: a compute node, a NUMA cell, a shared storage pool… Providers form trees through
/// their parent; every provider knows its tree's root.</summary>
public sealed class ResourceProviderRow
{
    public int Id { get; set; }
    public required string Uuid { get; set; }
    public required string Name { get; set; }

    /// <summary>Grows by one with every change to the provider's inventory, traits, aggregates (1.19+) or allocations;
    /// writers that send the generation they saw get 409 when it moved.</summary>
    public int Generation { get; set; }

    public string? ParentUuid { get; set; }
    public required string RootUuid { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
