using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the trust API.</summary>
public static class Trusts
{
    private const string Reason = "The trust API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:create_trust", "user_id:%(target.trust.trustor_user_id)s")
        {
            Description = "Create a trust.",
            ScopeTypes = [PolicyScopes.Project],
            Operations = [new("POST", "/v3/OS-TRUST/trusts")],
        },
        new("identity:list_trusts", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List trusts.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-TRUST/trusts"),
                new("HEAD", "/v3/OS-TRUST/trusts"),
            ],
            DeprecatedRule = new("identity:list_trusts", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:list_trusts_for_trustor", "(rule:admin_required) or (role:reader and system_scope:all or user_id:%(target.trust.trustor_user_id)s)")
        {
            Description = "List the trusts a user has delegated (trustor_user_id filter).",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-TRUST/trusts?trustor_user_id={trustor_user_id}"),
                new("HEAD", "/v3/OS-TRUST/trusts?trustor_user_id={trustor_user_id}"),
            ],
        },
        new("identity:list_trusts_for_trustee", "(rule:admin_required) or (role:reader and system_scope:all or user_id:%(target.trust.trustee_user_id)s)")
        {
            Description = "List the trusts delegated to a user (trustee_user_id filter).",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-TRUST/trusts?trustee_user_id={trustee_user_id}"),
                new("HEAD", "/v3/OS-TRUST/trusts?trustee_user_id={trustee_user_id}"),
            ],
        },
        new("identity:list_roles_for_trust", "(rule:admin_required) or (role:reader and system_scope:all or user_id:%(target.trust.trustor_user_id)s or user_id:%(target.trust.trustee_user_id)s)")
        {
            Description = "List the roles delegated by a trust.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-TRUST/trusts/{trust_id}/roles"),
                new("HEAD", "/v3/OS-TRUST/trusts/{trust_id}/roles"),
            ],
            DeprecatedRule = new("identity:list_roles_for_trust", "user_id:%(target.trust.trustor_user_id)s or user_id:%(target.trust.trustee_user_id)s") { Reason = Reason, Since = "T" },
        },
        new("identity:get_role_for_trust", "(rule:admin_required) or (role:reader and system_scope:all or user_id:%(target.trust.trustor_user_id)s or user_id:%(target.trust.trustee_user_id)s)")
        {
            Description = "Show one role delegated by a trust.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}"),
                new("HEAD", "/v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}"),
            ],
            DeprecatedRule = new("identity:get_role_for_trust", "user_id:%(target.trust.trustor_user_id)s or user_id:%(target.trust.trustee_user_id)s") { Reason = Reason, Since = "T" },
        },
        new("identity:delete_trust", "rule:admin_required or user_id:%(target.trust.trustor_user_id)s")
        {
            Description = "Delete a trust.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/OS-TRUST/trusts/{trust_id}")],
            DeprecatedRule = new("identity:delete_trust", "user_id:%(target.trust.trustor_user_id)s") { Reason = Reason, Since = "T" },
        },
        new("identity:get_trust", "(rule:admin_required) or (role:reader and system_scope:all or user_id:%(target.trust.trustor_user_id)s or user_id:%(target.trust.trustee_user_id)s)")
        {
            Description = "Show one trust.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-TRUST/trusts/{trust_id}"),
                new("HEAD", "/v3/OS-TRUST/trusts/{trust_id}"),
            ],
            DeprecatedRule = new("identity:get_trust", "user_id:%(target.trust.trustor_user_id)s or user_id:%(target.trust.trustee_user_id)s") { Reason = Reason, Since = "T" },
        },
    ];
}
