using SharpStack.Core.Auth;
using SharpStack.Core.Errors;

namespace SharpStack.Identity.Credentials;

/// <summary>Keystone's guard against delegated tokens touching credentials (LP#2159643): a trust-scoped token, or one
/// obtained with anything but a primary method (application credential, EC2 or OAuth credentials), may not read or
/// change stored credentials, since those outlive the delegation.</summary>
public static class Delegation
{
    /// <summary>keystone.api._shared.delegation's built-in primary (non-delegated) authentication methods.</summary>
    private static readonly HashSet<string> PrimaryMethods =
        ["external", "kerberos", "mapped", "openid", "password", "saml2", "token", "totp", "x509"];

    /// <summary>True for a trust-scoped token or one whose methods are not all primary (no methods counts as delegated).</summary>
    public static bool IsDelegated(AuthContext caller) =>
        caller.TrustId is not null || caller.Methods.Count == 0 || caller.Methods.Any(m => !PrimaryMethods.Contains(m));

    public static void RequirePrimaryAuth(AuthContext caller)
    {
        if (IsDelegated(caller))
            throw ApiException.Forbidden("You are not authorized to perform the requested action: Delegated tokens cannot access credentials directly.");
    }
}
