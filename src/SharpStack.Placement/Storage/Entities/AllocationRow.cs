namespace SharpStack.Placement.Storage.Entities;

/// <summary>An amount of one resource class of one provider used by one consumer.</summary>
public sealed class AllocationRow
{
    public int Id { get; set; }
    public int ProviderId { get; set; }
    public required string ConsumerUuid { get; set; }
    public int ResourceClassId { get; set; }
    public int Used { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
