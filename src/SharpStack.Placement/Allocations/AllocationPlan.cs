namespace SharpStack.Placement.Allocations;

/// <summary>One allocation a write will leave in place (Used &gt; 0) or take away (Used = 0: the consumer was sent
/// with empty allocations and held this one), in request order.</summary>
public sealed record PlannedAllocation(string ConsumerUuid, string ProviderUuid, string ResourceClass, long Used);

/// <summary>Everything an allocation write needs once the consumers exist and the providers were found: the
/// consumers (with the generations seen) and the allocations to write or remove.</summary>
public sealed record AllocationPlan(IReadOnlyList<EnsuredConsumer> Consumers, IReadOnlyList<PlannedAllocation> Allocations);
