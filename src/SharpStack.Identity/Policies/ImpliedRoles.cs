using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the implied role API.</summary>
public static class ImpliedRoles
{
    private const string Reason = "The implied role API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_implied_role", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show one implied-role relationship.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/roles/{prior_role_id}/implies/{implied_role_id}")],
            DeprecatedRule = new("identity:get_implied_role", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:list_implied_roles", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List the roles implied by a role.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/roles/{prior_role_id}/implies"),
                new("HEAD", "/v3/roles/{prior_role_id}/implies"),
            ],
            DeprecatedRule = new("identity:list_implied_roles", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:create_implied_role", "rule:admin_required")
        {
            Description = "Make one role imply another.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/roles/{prior_role_id}/implies/{implied_role_id}")],
            DeprecatedRule = new("identity:create_implied_role", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:delete_implied_role", "rule:admin_required")
        {
            Description = "Remove an implied-role relationship.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/roles/{prior_role_id}/implies/{implied_role_id}")],
            DeprecatedRule = new("identity:delete_implied_role", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:list_role_inference_rules", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List every implied-role relationship.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/role_inferences"),
                new("HEAD", "/v3/role_inferences"),
            ],
            DeprecatedRule = new("identity:list_role_inference_rules", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:check_implied_role", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Check whether one role implies another.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("HEAD", "/v3/roles/{prior_role_id}/implies/{implied_role_id}")],
            DeprecatedRule = new("identity:check_implied_role", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
    ];
}
