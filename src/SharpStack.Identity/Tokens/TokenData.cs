using System.Text.Json.Nodes;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Tokens.Formats;

namespace SharpStack.Identity.Tokens;

/// <summary>A user as a token shows it.</summary>
public sealed record TokenUser(string Id, string Name, string DomainId, string DomainName, DateTime? PasswordExpiresAt);

/// <summary>A project (and its domain) as a token shows it.</summary>
public sealed record TokenProject(string Id, string Name, string DomainId, string DomainName, bool IsDomain);

/// <summary>A domain as a token shows it.</summary>
public sealed record TokenDomain(string Id, string Name);

/// <summary>The trust a trust-scoped token acts under.</summary>
public sealed record TokenTrust(string Id, string TrustorUserId, string TrusteeUserId, bool Impersonation);

/// <summary>The application credential a token was issued with.</summary>
public sealed record TokenApplicationCredential(string Id, string Name, bool Restricted, JsonArray? AccessRules);

/// <summary>The OAuth 1.0a access token an OAuth-scoped token was issued with.</summary>
public sealed record TokenOAuth(string AccessTokenId, string ConsumerId);

/// <summary>An enabled federation service provider, as tokens list them.</summary>
public sealed record TokenServiceProvider(string Id, string AuthUrl, string SpUrl);

/// <summary>Everything a valid token stands for, as loaded from current data: who, with what scope and roles.
/// Rendered as the token body and turned into the caller's context for policy.</summary>
public sealed record TokenData
{
    public required TokenPayload Payload { get; init; }

    /// <summary>The user the token acts as (the trustor for impersonating trusts).</summary>
    public required TokenUser User { get; init; }

    /// <summary>The user who authenticated (differs from <see cref="User"/> only under an impersonating trust).</summary>
    public required string AuthenticatedUserId { get; init; }
    public TokenProject? Project { get; init; }
    public TokenDomain? Domain { get; init; }
    public bool System { get; init; }
    public IReadOnlyList<RoleRef> Roles { get; init; } = [];
    public TokenTrust? Trust { get; init; }
    public TokenApplicationCredential? ApplicationCredential { get; init; }
    public TokenOAuth? OAuth { get; init; }

    /// <summary>The enabled service providers (Keystone lists them in every token).</summary>
    public IReadOnlyList<TokenServiceProvider> ServiceProviders { get; init; } = [];

    /// <summary>Set only when [resource] admin_project_name and admin_project_domain_name are configured.</summary>
    public bool? IsAdminProject { get; init; }

    public bool IsUnscoped => Project is null && Domain is null && !System;

    /// <summary>This token's audit id (the first).</summary>
    public string AuditId => Payload.AuditIds[0];

    /// <summary>The audit id of the chain this token belongs to (the parent's, or its own).</summary>
    public string AuditChainId => Payload.AuditIds[^1];
}
