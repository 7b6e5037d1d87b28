namespace SharpStack.Identity.Storage.Entities;

/// <summary>A default limit for a resource of a service (unified limits).</summary>
public sealed class RegisteredLimitRow
{
    public long InternalId { get; set; }
    public required string Id { get; set; }
    public required string ServiceId { get; set; }
    public string? RegionId { get; set; }
    public required string ResourceName { get; set; }
    public int DefaultLimit { get; set; }
    public string? Description { get; set; }
}

/// <summary>A project's or domain's own limit overriding a registered limit.</summary>
public sealed class LimitRow
{
    public long InternalId { get; set; }
    public required string Id { get; set; }
    public string? ProjectId { get; set; }
    public string? DomainId { get; set; }
    public int ResourceLimit { get; set; }
    public string? Description { get; set; }
    public long RegisteredLimitId { get; set; }
}
