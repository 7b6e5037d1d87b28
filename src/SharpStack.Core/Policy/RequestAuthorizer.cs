using Microsoft.AspNetCore.Http;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;

namespace SharpStack.Core.Policy;

/// <summary>The one place a service checks policy for a request: the caller's token becomes oslo.context's
/// credentials, the rule is evaluated against the target, and a refusal is a 403 in the service's words.</summary>
public class RequestAuthorizer(PolicyEnforcer enforcer, Func<string, string> forbiddenMessage)
{
    // Credentials are derived once per validated token (AuthContext objects live in the token cache).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<AuthContext, PolicyCredentials> _cache = new();

    public PolicyEnforcer Enforcer => enforcer;

    /// <summary>Requires a valid token and the rule; returns the caller.</summary>
    public AuthContext Enforce(HttpContext context, string rule, IReadOnlyDictionary<string, object?>? target = null)
    {
        var caller = context.RequireAuth();
        if (!Allows(caller, rule, target))
            throw ApiException.Forbidden(forbiddenMessage(rule));
        return caller;
    }

    /// <summary>Evaluates the rule without refusing (for rules that narrow a listing rather than forbid it).</summary>
    public bool Allows(HttpContext context, AuthContext caller, string rule, IReadOnlyDictionary<string, object?>? target = null) =>
        Allows(caller, rule, target);

    /// <summary>Evaluates the rule for a caller.</summary>
    public bool Allows(AuthContext caller, string rule, IReadOnlyDictionary<string, object?>? target = null) =>
        enforcer.Authorize(rule, Credentials(caller), target ?? PolicyTarget.Empty).IsAllowed;

    /// <summary>The caller's policy credentials (cached per validated token).</summary>
    public PolicyCredentials Credentials(AuthContext caller) => _cache.GetValue(caller, c =>
    {
        var credentials = Create(c);
        Extend(credentials);
        return credentials;
    });

    /// <summary>Adds what the service's own request context adds to oslo.context's values (Nova's is_admin).</summary>
    protected virtual void Extend(PolicyCredentials credentials)
    {
    }

    private static PolicyCredentials Create(AuthContext caller)
    {
        var credentials = TokenCredentials.Create(
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
