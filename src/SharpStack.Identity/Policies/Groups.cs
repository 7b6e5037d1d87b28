using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the group API.</summary>
public static class Groups
{
    private const string Reason = "The group API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_group", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and domain_id:%(target.group.domain_id)s)")
        {
            Description = "Show one group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/groups/{group_id}"),
                new("HEAD", "/v3/groups/{group_id}"),
            ],
            DeprecatedRule = new("identity:get_group", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_groups", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and domain_id:%(target.group.domain_id)s)")
        {
            Description = "List groups.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/groups"),
                new("HEAD", "/v3/groups"),
            ],
            DeprecatedRule = new("identity:list_groups", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_groups_for_user", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and domain_id:%(target.user.domain_id)s) or user_id:%(user_id)s")
        {
            Description = "List the groups a user belongs to.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/users/{user_id}/groups"),
                new("HEAD", "/v3/users/{user_id}/groups"),
            ],
            DeprecatedRule = new("identity:list_groups_for_user", "rule:admin_or_owner") { Reason = Reason, Since = "S" },
        },
        new("identity:create_group", "rule:admin_required")
        {
            Description = "Create a group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("POST", "/v3/groups")],
            DeprecatedRule = new("identity:create_group", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_group", "rule:admin_required")
        {
            Description = "Update a group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/groups/{group_id}")],
            DeprecatedRule = new("identity:update_group", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_group", "rule:admin_required")
        {
            Description = "Delete a group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/groups/{group_id}")],
            DeprecatedRule = new("identity:delete_group", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_users_in_group", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and domain_id:%(target.group.domain_id)s)")
        {
            Description = "List the members of a group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/groups/{group_id}/users"),
                new("HEAD", "/v3/groups/{group_id}/users"),
            ],
            DeprecatedRule = new("identity:list_users_in_group", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:remove_user_from_group", "rule:admin_required")
        {
            Description = "Remove a user from a group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/groups/{group_id}/users/{user_id}")],
            DeprecatedRule = new("identity:remove_user_from_group", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:check_user_in_group", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and domain_id:%(target.group.domain_id)s and domain_id:%(target.user.domain_id)s)")
        {
            Description = "Check whether a user belongs to a group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("HEAD", "/v3/groups/{group_id}/users/{user_id}"),
                new("GET", "/v3/groups/{group_id}/users/{user_id}"),
            ],
            DeprecatedRule = new("identity:check_user_in_group", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:add_user_to_group", "rule:admin_required")
        {
            Description = "Add a user to a group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/groups/{group_id}/users/{user_id}")],
            DeprecatedRule = new("identity:add_user_to_group", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
    ];
}
