using System.Text.Json.Nodes;

namespace SharpStack.Identity.Tokens.Authentication;

/// <summary>What one authentication method established.</summary>
public sealed record AuthMethodResult
{
    public required string UserId { get; init; }

    /// <summary>Methods carried over from an earlier token (token method), besides this one.</summary>
    public IReadOnlyList<string> InheritedMethods { get; init; } = [];

    /// <summary>Set by the token method: the new token keeps the old expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Set by the token method: the audit chain the new token joins.</summary>
    public string? ParentAuditId { get; init; }

    /// <summary>Set by the application credential method: its id and the scope it fixes.</summary>
    public string? ApplicationCredentialId { get; init; }
    public string? ApplicationCredentialProjectId { get; init; }
    public bool ApplicationCredentialSystem { get; init; }

    /// <summary>Set by the oauth1 method: the access token and the project it fixes.</summary>
    public string? AccessTokenId { get; init; }
    public string? AccessTokenProjectId { get; init; }

    /// <summary>Set by the token method: the original token was scoped (for rescope rules).</summary>
    public bool FromScopedToken { get; init; }
}

/// <summary>One authentication method of POST /v3/auth/tokens ("password", "token", "application_credential", "oauth1").</summary>
public interface IAuthMethod
{
    string Name { get; }

    Task<AuthMethodResult> AuthenticateAsync(JsonObject data, AuthRequest request, CancellationToken ct);
}
