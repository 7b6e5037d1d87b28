namespace SharpStack.Placement.Storage.Entities;

/// <summary>A kind of resource: the standard ones (ids 0…, in os-resource-classes order) and CUSTOM_* ones (ids
/// from 10000, in creation order).</summary>
public sealed class ResourceClassRow
{
    public const int FirstCustomId = 10000;

    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public bool IsCustom => Id >= FirstCustomId;
}
