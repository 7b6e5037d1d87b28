namespace SharpStack.Identity.Storage.Entities;

/// <summary>A counter bumped by every change to identity data, so that caches in other processes know to refresh.</summary>
public sealed class RevisionRow
{
    public required string Name { get; set; }
    public long Value { get; set; }
}
