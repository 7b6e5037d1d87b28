using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the user API.</summary>
public static class Users
{
    private const string Reason = "The user API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_user", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and token.domain.id:%(target.user.domain_id)s) or user_id:%(target.user.id)s")
        {
            Description = "Show one user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/users/{user_id}"),
                new("HEAD", "/v3/users/{user_id}"),
            ],
            DeprecatedRule = new("identity:get_user", "rule:admin_or_owner") { Reason = Reason, Since = "S" },
        },
        new("identity:list_users", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and domain_id:%(target.domain_id)s)")
        {
            Description = "List users.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/users"),
                new("HEAD", "/v3/users"),
            ],
            DeprecatedRule = new("identity:list_users", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_projects_for_user", "")
        {
            Description = "List the projects the authenticated user can access (federation API).",
            Operations = [new("GET", "/v3/auth/projects")],
        },
        new("identity:list_domains_for_user", "")
        {
            Description = "List the domains the authenticated user can access (federation API).",
            Operations = [new("GET", "/v3/auth/domains")],
        },
        new("identity:create_user", "rule:admin_required")
        {
            Description = "Create a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("POST", "/v3/users")],
            DeprecatedRule = new("identity:create_user", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_user", "rule:admin_required")
        {
            Description = "Update a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/users/{user_id}")],
            DeprecatedRule = new("identity:update_user", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_user", "rule:admin_required")
        {
            Description = "Delete a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/users/{user_id}")],
            DeprecatedRule = new("identity:delete_user", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
    ];
}
