using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the role grant API.</summary>
public static class Grants
{
    private const string Reason = "The role grant API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:check_grant", "(rule:admin_required) or ((role:reader and system_scope:all) or ((role:reader and domain_id:%(target.user.domain_id)s and domain_id:%(target.project.domain_id)s) or (role:reader and domain_id:%(target.user.domain_id)s and domain_id:%(target.domain.id)s) or (role:reader and domain_id:%(target.group.domain_id)s and domain_id:%(target.project.domain_id)s) or (role:reader and domain_id:%(target.group.domain_id)s and domain_id:%(target.domain.id)s)) and (domain_id:%(target.role.domain_id)s or None:%(target.role.domain_id)s))")
        {
            Description = "Check whether a user or group has a role on a project or domain.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("HEAD", "/v3/projects/{project_id}/users/{user_id}/roles/{role_id}"),
                new("GET", "/v3/projects/{project_id}/users/{user_id}/roles/{role_id}"),
                new("HEAD", "/v3/projects/{project_id}/groups/{group_id}/roles/{role_id}"),
                new("GET", "/v3/projects/{project_id}/groups/{group_id}/roles/{role_id}"),
                new("HEAD", "/v3/domains/{domain_id}/users/{user_id}/roles/{role_id}"),
                new("GET", "/v3/domains/{domain_id}/users/{user_id}/roles/{role_id}"),
                new("HEAD", "/v3/domains/{domain_id}/groups/{group_id}/roles/{role_id}"),
                new("GET", "/v3/domains/{domain_id}/groups/{group_id}/roles/{role_id}"),
                new("HEAD", "/v3/OS-INHERIT/projects/{project_id}/users/{user_id}/roles/{role_id}/inherited_to_projects"),
                new("GET", "/v3/OS-INHERIT/projects/{project_id}/users/{user_id}/roles/{role_id}/inherited_to_projects"),
                new("HEAD", "/v3/OS-INHERIT/projects/{project_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects"),
                new("GET", "/v3/OS-INHERIT/projects/{project_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects"),
                new("HEAD", "/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/{role_id}/inherited_to_projects"),
                new("GET", "/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/{role_id}/inherited_to_projects"),
                new("HEAD", "/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects"),
                new("GET", "/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects"),
            ],
            DeprecatedRule = new("identity:check_grant", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_grants", "(rule:admin_required) or ((role:reader and system_scope:all) or (role:reader and domain_id:%(target.user.domain_id)s and domain_id:%(target.project.domain_id)s) or (role:reader and domain_id:%(target.user.domain_id)s and domain_id:%(target.domain.id)s) or (role:reader and domain_id:%(target.group.domain_id)s and domain_id:%(target.project.domain_id)s) or (role:reader and domain_id:%(target.group.domain_id)s and domain_id:%(target.domain.id)s))")
        {
            Description = "List the roles a user or group has on a project or domain.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/projects/{project_id}/users/{user_id}/roles"),
                new("HEAD", "/v3/projects/{project_id}/users/{user_id}/roles"),
                new("GET", "/v3/projects/{project_id}/groups/{group_id}/roles"),
                new("HEAD", "/v3/projects/{project_id}/groups/{group_id}/roles"),
                new("GET", "/v3/domains/{domain_id}/users/{user_id}/roles"),
                new("HEAD", "/v3/domains/{domain_id}/users/{user_id}/roles"),
                new("GET", "/v3/domains/{domain_id}/groups/{group_id}/roles"),
                new("HEAD", "/v3/domains/{domain_id}/groups/{group_id}/roles"),
                new("GET", "/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/inherited_to_projects"),
                new("GET", "/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/inherited_to_projects"),
            ],
            DeprecatedRule = new("identity:list_grants", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:create_grant", "(rule:admin_required) or ((role:admin and domain_id:%(target.user.domain_id)s and domain_id:%(target.project.domain_id)s) or (role:admin and domain_id:%(target.user.domain_id)s and domain_id:%(target.domain.id)s) or (role:admin and domain_id:%(target.group.domain_id)s and domain_id:%(target.project.domain_id)s) or (role:admin and domain_id:%(target.group.domain_id)s and domain_id:%(target.domain.id)s)) and (domain_id:%(target.role.domain_id)s or None:%(target.role.domain_id)s)")
        {
            Description = "Give a role to a user or group on a project or domain.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("PUT", "/v3/projects/{project_id}/users/{user_id}/roles/{role_id}"),
                new("PUT", "/v3/projects/{project_id}/groups/{group_id}/roles/{role_id}"),
                new("PUT", "/v3/domains/{domain_id}/users/{user_id}/roles/{role_id}"),
                new("PUT", "/v3/domains/{domain_id}/groups/{group_id}/roles/{role_id}"),
                new("PUT", "/v3/OS-INHERIT/projects/{project_id}/users/{user_id}/roles/{role_id}/inherited_to_projects"),
                new("PUT", "/v3/OS-INHERIT/projects/{project_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects"),
                new("PUT", "/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/{role_id}/inherited_to_projects"),
                new("PUT", "/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects"),
            ],
            DeprecatedRule = new("identity:create_grant", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:revoke_grant", "(rule:admin_required) or ((role:admin and domain_id:%(target.user.domain_id)s and domain_id:%(target.project.domain_id)s) or (role:admin and domain_id:%(target.user.domain_id)s and domain_id:%(target.domain.id)s) or (role:admin and domain_id:%(target.group.domain_id)s and domain_id:%(target.project.domain_id)s) or (role:admin and domain_id:%(target.group.domain_id)s and domain_id:%(target.domain.id)s)) and (domain_id:%(target.role.domain_id)s or None:%(target.role.domain_id)s)")
        {
            Description = "Take a role on a project or domain away from a user or group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("DELETE", "/v3/projects/{project_id}/users/{user_id}/roles/{role_id}"),
                new("DELETE", "/v3/projects/{project_id}/groups/{group_id}/roles/{role_id}"),
                new("DELETE", "/v3/domains/{domain_id}/users/{user_id}/roles/{role_id}"),
                new("DELETE", "/v3/domains/{domain_id}/groups/{group_id}/roles/{role_id}"),
                new("DELETE", "/v3/OS-INHERIT/projects/{project_id}/users/{user_id}/roles/{role_id}/inherited_to_projects"),
                new("DELETE", "/v3/OS-INHERIT/projects/{project_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects"),
                new("DELETE", "/v3/OS-INHERIT/domains/{domain_id}/users/{user_id}/roles/{role_id}/inherited_to_projects"),
                new("DELETE", "/v3/OS-INHERIT/domains/{domain_id}/groups/{group_id}/roles/{role_id}/inherited_to_projects"),
            ],
            DeprecatedRule = new("identity:revoke_grant", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_system_grants_for_user", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List the system roles of a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("HEAD", "/v3/system/users/{user_id}/roles"),
                new("GET", "/v3/system/users/{user_id}/roles"),
            ],
            DeprecatedRule = new("identity:list_system_grants_for_user", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:check_system_grant_for_user", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Check whether a user has a system role.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("HEAD", "/v3/system/users/{user_id}/roles/{role_id}"),
                new("GET", "/v3/system/users/{user_id}/roles/{role_id}"),
            ],
            DeprecatedRule = new("identity:check_system_grant_for_user", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:create_system_grant_for_user", "rule:admin_required")
        {
            Description = "Give a system role to a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/system/users/{user_id}/roles/{role_id}")],
            DeprecatedRule = new("identity:create_system_grant_for_user", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:revoke_system_grant_for_user", "rule:admin_required")
        {
            Description = "Take a system role away from a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/system/users/{user_id}/roles/{role_id}")],
            DeprecatedRule = new("identity:revoke_system_grant_for_user", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_system_grants_for_group", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List the system roles of a group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("HEAD", "/v3/system/groups/{group_id}/roles"),
                new("GET", "/v3/system/groups/{group_id}/roles"),
            ],
            DeprecatedRule = new("identity:list_system_grants_for_group", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:check_system_grant_for_group", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Check whether a group has a system role.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("HEAD", "/v3/system/groups/{group_id}/roles/{role_id}"),
                new("GET", "/v3/system/groups/{group_id}/roles/{role_id}"),
            ],
            DeprecatedRule = new("identity:check_system_grant_for_group", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:create_system_grant_for_group", "rule:admin_required")
        {
            Description = "Give a system role to a group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/system/groups/{group_id}/roles/{role_id}")],
            DeprecatedRule = new("identity:create_system_grant_for_group", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:revoke_system_grant_for_group", "rule:admin_required")
        {
            Description = "Take a system role away from a group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/system/groups/{group_id}/roles/{role_id}")],
            DeprecatedRule = new("identity:revoke_system_grant_for_group", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
    ];
}
