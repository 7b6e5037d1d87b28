using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the role assignment API.</summary>
public static class RoleAssignments
{
    private const string Reason = "The role assignment API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:list_role_assignments", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and domain_id:%(target.domain_id)s and not None:%(target.domain_id)s)")
        {
            Description = "List role assignments (who has which role where).",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/role_assignments"),
                new("HEAD", "/v3/role_assignments"),
            ],
            DeprecatedRule = new("identity:list_role_assignments", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_role_assignments_for_tree", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and domain_id:%(target.domain_id)s and not None:%(target.domain_id)s)")
        {
            Description = "List role assignments of a project and its subtree (include_subtree).",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/role_assignments?include_subtree"),
                new("HEAD", "/v3/role_assignments?include_subtree"),
            ],
            DeprecatedRule = new("identity:list_role_assignments_for_tree", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
    ];
}
