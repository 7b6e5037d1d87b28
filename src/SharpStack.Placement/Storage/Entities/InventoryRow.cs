namespace SharpStack.Placement.Storage.Entities;

/// <summary>How much of one resource class a provider has, and the rules for allocating it.</summary>
public sealed class InventoryRow
{
    public int Id { get; set; }
    public int ProviderId { get; set; }
    public int ResourceClassId { get; set; }
    public int Total { get; set; }
    public int Reserved { get; set; }
    public int MinUnit { get; set; } = 1;
    public int MaxUnit { get; set; } = int.MaxValue;
    public int StepSize { get; set; } = 1;
    public double AllocationRatio { get; set; } = 1.0;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>What may be allocated in all: (total - reserved) × allocation_ratio.</summary>
    public double Capacity => (Total - Reserved) * AllocationRatio;
}
