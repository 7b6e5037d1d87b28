using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the PKI revocation list API.</summary>
public static class TokenRevocation
{
    private const string RemovalReason =
        "The PKI revocation list API no longer exists (it answers 410 Gone or 403), so this rule protects nothing. "
        + "It can be removed from policy files.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:revocation_list", "rule:service_or_admin")
        {
            Description = "List revoked PKI tokens (the API is gone; the rule protects nothing).",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/auth/tokens/OS-PKI/revoked")],
            DeprecatedForRemoval = true,
            DeprecatedReason = RemovalReason,
            DeprecatedSince = "T",
        },
    ];
}
