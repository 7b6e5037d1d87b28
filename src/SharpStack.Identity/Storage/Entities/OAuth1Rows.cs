namespace SharpStack.Identity.Storage.Entities;

/// <summary>An OAuth 1.0a consumer (OS-OAUTH1).</summary>
public sealed class ConsumerRow
{
    public required string Id { get; set; }
    public string? Description { get; set; }

    /// <summary>The secret itself (as Keystone keeps it): HMAC signatures can only be checked with the plain secret.</summary>
    public required string Secret { get; set; }
    public string? Extra { get; set; }
}

/// <summary>An OAuth 1.0a request token, authorized later by a user with chosen roles.</summary>
public sealed class RequestTokenRow
{
    public required string Id { get; set; }
    public required string RequestSecret { get; set; }
    public string? Verifier { get; set; }
    public string? AuthorizingUserId { get; set; }
    public required string RequestedProjectId { get; set; }

    /// <summary>The authorized role ids as a JSON array.</summary>
    public string? RoleIds { get; set; }
    public required string ConsumerId { get; set; }
    public DateTime? ExpiresAt { get; set; }
}

/// <summary>An OAuth 1.0a access token, exchanged for Keystone tokens by the consumer.</summary>
public sealed class AccessTokenRow
{
    public required string Id { get; set; }
    public required string AccessSecret { get; set; }
    public required string AuthorizingUserId { get; set; }
    public required string ProjectId { get; set; }

    /// <summary>The delegated role ids as a JSON array.</summary>
    public required string RoleIds { get; set; }
    public required string ConsumerId { get; set; }
    public DateTime? ExpiresAt { get; set; }
}
