using SharpStack.Core.Auth;
using SharpStack.Core.Errors;

namespace SharpStack.Identity.Tokens;

/// <summary>Which tokens count as delegated (Keystone's api/_shared/delegation.py): trust-scoped ones, and ones obtained
/// with anything but a primary method (application credential, OAuth1, EC2 credentials, or a method nobody declared
/// primary). Delegated tokens may not be exchanged for other tokens or touch credentials (LP#2159643, CVE-2026-80182).</summary>
public static class Delegation
{
    /// <summary>The built-in primary (non-delegated) authentication methods.</summary>
    public static readonly IReadOnlySet<string> PrimaryMethods = new HashSet<string>
    {
        "external", "kerberos", "mapped", "openid", "password", "saml2", "token", "totp", "x509",
    };

    /// <summary>True when any method is not primary; no methods at all counts as delegated.</summary>
    public static bool IsDelegatedMethods(IReadOnlyList<string> methods, IReadOnlyCollection<string>? additionalPrimary = null) =>
        methods.Count == 0 || methods.Any(m => !PrimaryMethods.Contains(m) && (additionalPrimary is null || !additionalPrimary.Contains(m)));

    /// <summary>True for a trust-scoped token or one obtained through a delegated method.</summary>
    public static bool IsDelegated(AuthContext caller) => caller.TrustId is not null || IsDelegatedMethods(caller.Methods);

    public static void RequirePrimaryAuth(AuthContext caller)
    {
        if (IsDelegated(caller))
            throw ApiException.Forbidden("You are not authorized to perform the requested action: Delegated tokens cannot access credentials directly.");
    }
}
