using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the token API.</summary>
public static class Tokens
{
    private const string Reason = "The token API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:check_token", "rule:admin_required or (role:reader and system_scope:all) or rule:token_subject")
        {
            Description = "Check that a token is valid (HEAD).",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("HEAD", "/v3/auth/tokens")],
            DeprecatedRule = new("identity:check_token", "rule:admin_or_token_subject") { Reason = Reason, Since = "T" },
        },
        new("identity:validate_token", "rule:admin_required or (role:reader and system_scope:all) or rule:service_role or rule:token_subject")
        {
            Description = "Validate a token and return its body.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("GET", "/v3/auth/tokens")],
            DeprecatedRule = new("identity:validate_token", "rule:service_admin_or_token_subject") { Reason = Reason, Since = "T" },
        },
        new("identity:revoke_token", "rule:admin_required or rule:token_subject")
        {
            Description = "Revoke a token.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/auth/tokens")],
            DeprecatedRule = new("identity:revoke_token", "rule:admin_or_token_subject") { Reason = Reason, Since = "T" },
        },
    ];
}
