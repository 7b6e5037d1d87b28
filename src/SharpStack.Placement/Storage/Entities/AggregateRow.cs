namespace SharpStack.Placement.Storage.Entities;

/// <summary>An aggregate: nothing but a uuid that groups providers (for sharing and member_of filters).</summary>
public sealed class AggregateRow
{
    public int Id { get; set; }
    public required string Uuid { get; set; }
}

/// <summary>A provider's membership of an aggregate.</summary>
public sealed class ProviderAggregateRow
{
    public int ProviderId { get; set; }
    public int AggregateId { get; set; }
}
