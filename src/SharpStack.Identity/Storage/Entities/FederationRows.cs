namespace SharpStack.Identity.Storage.Entities;

/// <summary>A trusted external identity provider (OS-FEDERATION).</summary>
public sealed class IdentityProviderRow
{
    public required string Id { get; set; }
    public bool Enabled { get; set; }
    public string? Description { get; set; }
    public required string DomainId { get; set; }
    public int? AuthorizationTtl { get; set; }
}

/// <summary>A remote id that identifies an identity provider's assertions.</summary>
public sealed class IdentityProviderRemoteIdRow
{
    public required string IdpId { get; set; }
    public required string RemoteId { get; set; }
}

/// <summary>A federation protocol of an identity provider, mapped by a mapping.</summary>
public sealed class FederationProtocolRow
{
    public required string Id { get; set; }
    public required string IdpId { get; set; }
    public required string MappingId { get; set; }
    public string? RemoteIdAttribute { get; set; }
}

/// <summary>Mapping rules turning federated assertions into local users and groups (stored as JSON).</summary>
public sealed class MappingRow
{
    public required string Id { get; set; }
    public required string Rules { get; set; }
    public string SchemaVersion { get; set; } = "1.0";
}

/// <summary>A remote service provider this cloud can federate into (Keystone-to-Keystone).</summary>
public sealed class ServiceProviderRow
{
    public required string Id { get; set; }
    public bool Enabled { get; set; }
    public string? Description { get; set; }
    public required string AuthUrl { get; set; }
    public required string SpUrl { get; set; }
    public required string RelayStatePrefix { get; set; }
}
