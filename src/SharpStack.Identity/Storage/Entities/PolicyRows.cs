namespace SharpStack.Identity.Storage.Entities;

/// <summary>A stored policy blob (/v3/policies): opaque to Identity, kept for other services.</summary>
public sealed class PolicyRow
{
    public required string Id { get; set; }
    public required string Type { get; set; }
    public required string Blob { get; set; }
    public string? Extra { get; set; }
}

/// <summary>Associates a policy with an endpoint, a service, or a service in a region (OS-ENDPOINT-POLICY).</summary>
public sealed class PolicyAssociationRow
{
    public required string Id { get; set; }
    public required string PolicyId { get; set; }
    public string? EndpointId { get; set; }
    public string? ServiceId { get; set; }
    public string? RegionId { get; set; }
}
