namespace SharpStack.Core.Auth;

/// <summary>Who is calling: the validated token's user, scope and roles, as handlers and policy see it.</summary>
public sealed class AuthContext
{
    public required string UserId { get; init; }
    public string? UserName { get; init; }
    public string? UserDomainId { get; init; }
    public string? UserDomainName { get; init; }

    /// <summary>Set for a project-scoped token.</summary>
    public string? ProjectId { get; init; }
    public string? ProjectName { get; init; }
    public string? ProjectDomainId { get; init; }
    public string? ProjectDomainName { get; init; }

    /// <summary>Set for a domain-scoped token.</summary>
    public string? DomainId { get; init; }
    public string? DomainName { get; init; }

    /// <summary>"all" for a system-scoped token, otherwise null.</summary>
    public string? SystemScope { get; init; }

    /// <summary>Role names, effective (implied roles included), as given by the token.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
    public IReadOnlyList<string> RoleIds { get; init; } = [];

    /// <summary>True when the token is scoped to the configured admin project (keystone's is_admin_project).</summary>
    public bool IsAdminProject { get; init; }

    public IReadOnlyList<string> Methods { get; init; } = [];
    public IReadOnlyList<string> AuditIds { get; init; } = [];
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset IssuedAt { get; init; }

    public string? TrustId { get; init; }
    public string? TrusteeUserId { get; init; }
    public string? TrustorUserId { get; init; }
    public string? ApplicationCredentialId { get; init; }

    /// <summary>The raw token this context came from (never logged).</summary>
    public string? Token { get; init; }

    /// <summary>The validated X-Service-Token sent alongside, when a service acts for a user.</summary>
    public AuthContext? ServiceToken { get; init; }

    public bool IsUnscoped => ProjectId is null && DomainId is null && SystemScope is null;

    public bool HasRole(string role)
    {
        foreach (var r in Roles)
            if (string.Equals(r, role, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
