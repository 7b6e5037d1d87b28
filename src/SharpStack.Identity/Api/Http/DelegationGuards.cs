using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Auth;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Tokens;

namespace SharpStack.Identity.Api.Http;

/// <summary>Keystone's refusals for delegated tokens on the delegation APIs (LP#2153453, LP#2158538, LP#2159643),
/// with its exact texts: a delegation may not create, read or manage further delegations.</summary>
public sealed class DelegationGuards(IdentityDb db, SharpStackConfig config)
{
    private const string ApplicationCredentialMethod = "application_credential";

    /// <summary>Application credential and access rule APIs: trust, OAuth1 and other delegated tokens are refused;
    /// application credential tokens pass (the restricted/unrestricted rule is checked separately).</summary>
    public void BlockForApplicationCredentials(AuthContext caller)
    {
        if (caller.Methods.Contains(ApplicationCredentialMethod)) return;
        if (IsDelegated(caller))
            throw ApiException.Forbidden();
    }

    /// <summary>A restricted application credential may not create or delete application credentials.</summary>
    public async Task RequireUnrestrictedAsync(AuthContext caller, CancellationToken ct)
    {
        if (!caller.Methods.Contains(ApplicationCredentialMethod)) return;
        var unrestricted = caller.ApplicationCredentialId is { } id
            && await db.ApplicationCredentials.Where(a => a.Id == id).Select(a => a.Unrestricted).FirstOrDefaultAsync(ct) == true;
        if (!unrestricted)
            throw ForbiddenAction("Using method 'application_credential' is not allowed for managing additional application credentials.");
    }

    /// <summary>Trust APIs: tokens from delegated methods are refused (trust-scoped tokens pass: redelegation),
    /// except application credentials when the deprecated escape hatch is on.</summary>
    public void BlockForTrusts(AuthContext caller)
    {
        if (!IsDelegatedMethod(caller)) return;
        if (caller.Methods.Contains(ApplicationCredentialMethod) && config.Get(IdentityOptions.AllowInsecureApplicationCredentialTrustEscalation)) return;
        throw ForbiddenAction("Delegated tokens cannot manage trusts.");
    }

    /// <summary>OAuth1 access token APIs and request token authorization: any delegated token is refused.</summary>
    public void BlockForOAuth(AuthContext caller)
    {
        if (IsDelegated(caller))
            throw ApiException.Forbidden();
    }

    /// <summary>Trust-scoped, or from a delegated method ([auth] additional_primary_auth_methods count as primary).</summary>
    private bool IsDelegated(AuthContext caller) => caller.TrustId is not null || IsDelegatedMethod(caller);

    private bool IsDelegatedMethod(AuthContext caller) =>
        Delegation.IsDelegatedMethods(caller.Methods, config.Get(IdentityOptions.AdditionalPrimaryAuthMethods));

    /// <summary>Keystone's ForbiddenAction text (its own full stop after the action, so often "..").</summary>
    public static ApiException ForbiddenAction(string action) =>
        ApiException.Forbidden($"You are not authorized to perform the requested action: {action}.");
}
