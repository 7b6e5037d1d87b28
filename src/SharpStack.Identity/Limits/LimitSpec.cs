namespace SharpStack.Identity.Limits;

/// <summary>A limit as the enforcement models see it: its owner, the resource it limits and the value.</summary>
public sealed record LimitSpec(string? ProjectId, string? DomainId, string ServiceId, string? RegionId, string ResourceName, int ResourceLimit);
