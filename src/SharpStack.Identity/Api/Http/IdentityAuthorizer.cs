using Microsoft.AspNetCore.Http;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;
using SharpStack.Core.Policy;
using SharpStack.Identity.Policies;

namespace SharpStack.Identity.Api.Http;

/// <summary>The one place Identity checks policy: the caller's token becomes Keystone's credentials, the rule is
/// evaluated against the target, and a refusal is Keystone's 403 naming the action.</summary>
public sealed class IdentityAuthorizer(PolicyEnforcer enforcer)
{
    // Credentials are derived once per validated token (AuthContext objects live in the token cache).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AuthContext, PolicyCredentials> Cache = new();

    /// <summary>Requires a valid token and the rule; returns the caller.</summary>
    public AuthContext Enforce(HttpContext context, string rule, IReadOnlyDictionary<string, object?>? target = null)
    {
        var caller = context.RequireAuth();
        if (!Allows(context, caller, rule, target))
            throw ApiException.Forbidden($"You are not authorized to perform the requested action: {rule}.");
        return caller;
    }

    /// <summary>Evaluates the rule without refusing (for rules that narrow a listing rather than forbid it).</summary>
    public bool Allows(HttpContext context, AuthContext caller, string rule, IReadOnlyDictionary<string, object?>? target = null) =>
        enforcer.Authorize(rule, Credentials(context, caller), target ?? PolicyTarget.Empty).IsAllowed;

    private static PolicyCredentials Credentials(HttpContext context, AuthContext caller) =>
        Cache.GetValue(caller, Create);

    private static PolicyCredentials Create(AuthContext caller)
    {
        var credentials = KeystoneCredentials.Create(
            caller.UserId, caller.UserDomainId, caller.Roles,
            projectId: caller.ProjectId, projectDomainId: caller.ProjectDomainId,
            domainId: caller.DomainId, system: caller.SystemScope is not null);
        if (caller.TrustId is not null)
        {
            credentials.Extra["trust_id"] = caller.TrustId;
            credentials.Extra["trustor_id"] = caller.TrustorUserId;
            credentials.Extra["trustee_id"] = caller.TrusteeUserId;
        }
        return credentials;
    }
}
