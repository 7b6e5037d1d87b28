using SharpStack.Core.Auth;
using SharpStack.Core.Configuration;
using SharpStack.Identity.Configuration;

namespace SharpStack.Identity.Common;

/// <summary>Keystone's split of authentication methods into primary ones (the user proved who they are) and
/// delegated ones (application credential, OAuth1, EC2…): tokens from delegated methods may not manage further
/// delegations, so a narrow grant cannot bootstrap a broader or longer-lived one.</summary>
public static class DelegatedAuth
{
    private static readonly HashSet<string> BuiltinPrimary = new(StringComparer.Ordinal)
    {
        "external", "kerberos", "mapped", "openid", "password", "saml2", "token", "totp", "x509",
    };

    /// <summary>True when the token came from a delegated method; a token without methods counts as delegated
    /// (deny by default, as Keystone does).</summary>
    public static bool IsDelegatedMethod(AuthContext caller, SharpStackConfig config)
    {
        if (caller.Methods.Count == 0) return true;
        var additional = config.Get(IdentityOptions.AdditionalPrimaryAuthMethods);
        return caller.Methods.Any(m => !BuiltinPrimary.Contains(m) && !additional.Contains(m));
    }

    /// <summary>True for trust-scoped tokens and tokens from delegated methods.</summary>
    public static bool IsDelegated(AuthContext caller, SharpStackConfig config) =>
        caller.TrustId is not null || IsDelegatedMethod(caller, config);
}
