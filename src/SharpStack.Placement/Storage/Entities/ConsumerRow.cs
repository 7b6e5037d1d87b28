namespace SharpStack.Placement.Storage.Entities;

/// <summary>Whatever holds allocations (an instance, a migration…): its project, user, type and generation.</summary>
public sealed class ConsumerRow
{
    public int Id { get; set; }
    public required string Uuid { get; set; }
    public required string ProjectId { get; set; }
    public required string UserId { get; set; }

    /// <summary>Null for consumers written without a type (shown as "unknown").</summary>
    public int? ConsumerTypeId { get; set; }

    /// <summary>Grows by one with every write of the consumer's allocations (1.28+ writers must send it).</summary>
    public int Generation { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A consumer type name (INSTANCE, MIGRATION…), made the first time a consumer uses it.</summary>
public sealed class ConsumerTypeRow
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
}
