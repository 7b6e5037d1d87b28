using System.Text.Json.Nodes;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Configuration;

namespace SharpStack.Identity.Tokens.Authentication;

/// <summary>The "token" method: a valid token buys a token of another scope with the same expiry and audit chain.
/// Delegated tokens (trust, OAuth) and system tokens asking for project scope may not do this.</summary>
public sealed class TokenMethod(TokenValidator validator, SharpStackConfig config) : IAuthMethod
{
    public string Name => "token";

    public async Task<AuthMethodResult> AuthenticateAsync(JsonObject data, AuthRequest request, CancellationToken ct)
    {
        var id = AuthLookup.Text(data, "id") ?? throw KeystoneRequest.Expecting("id", "token");
        var token = (await validator.ValidateAsync(id, allowExpired: false, ct)).Data;
        var wantsProject = request.Scope is ScopeRequest.Project;
        var wantsDomain = request.Scope is ScopeRequest.Domain;
        if (token.OAuth is not null)
            throw Forbidden("Using OAuth-scoped token to create another token. Create a new OAuth-scoped token instead");
        if (token.Trust is not null)
            throw Forbidden("Using trust-scoped token to create another token. Create a new trust-scoped token instead");
        if (token.System && (wantsProject || wantsDomain))
            throw Forbidden("Using a system-scoped token to create a project-scoped or domain-scoped token is not allowed.");
        // A token from a deliberately narrow credential (application credential, OAuth1, EC2, …) may not buy a
        // token of another, possibly broader, scope (CVE-2026-80182).
        if (Delegation.IsDelegatedMethods(token.Payload.Methods, config.Get(IdentityOptions.AdditionalPrimaryAuthMethods)))
            throw Forbidden("Using a delegated token to create another token is not allowed.");
        if (!token.IsUnscoped && !config.Get(IdentityOptions.AllowRescopeScopedToken))
            throw Forbidden("rescope a scoped token");
        return new AuthMethodResult
        {
            UserId = token.AuthenticatedUserId,
            InheritedMethods = token.Payload.Methods,
            ExpiresAt = token.Payload.ExpiresAt,
            ParentAuditId = token.AuditChainId,
            FromScopedToken = !token.IsUnscoped,
        };
    }

    private static ApiException Forbidden(string action) =>
        ApiException.Forbidden($"You are not authorized to perform the requested action: {action}.");
}
