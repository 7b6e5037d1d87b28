using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>
/// Keystone (Zed) default rules for the policy blob API (<c>/v3/policies</c>). Named PolicyBlobs rather
/// than Policies so it does not collide with this namespace.
/// </summary>
public static class PolicyBlobs
{
    private const string Reason = "The policy blob API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_policy", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show one policy.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/policies/{policy_id}")],
            DeprecatedRule = new("identity:get_policy", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:list_policies", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List policies.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/policies")],
            DeprecatedRule = new("identity:list_policies", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:create_policy", "rule:admin_required")
        {
            Description = "Create a policy.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("POST", "/v3/policies")],
            DeprecatedRule = new("identity:create_policy", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:update_policy", "rule:admin_required")
        {
            Description = "Update a policy.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/policies/{policy_id}")],
            DeprecatedRule = new("identity:update_policy", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:delete_policy", "rule:admin_required")
        {
            Description = "Delete a policy.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/policies/{policy_id}")],
            DeprecatedRule = new("identity:delete_policy", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
    ];
}
