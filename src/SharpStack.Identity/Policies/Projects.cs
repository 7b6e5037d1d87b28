using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the project API.</summary>
public static class Projects
{
    private const string Reason = "The project API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_project", "(role:reader and system_scope:all) or (role:reader and domain_id:%(target.project.domain_id)s) or project_id:%(target.project.id)s")
        {
            Description = "Show one project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("GET", "/v3/projects/{project_id}")],
            DeprecatedRule = new("identity:get_project", "rule:admin_required or project_id:%(target.project.id)s") { Reason = Reason, Since = "S" },
        },
        new("identity:list_projects", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and domain_id:%(target.domain_id)s)")
        {
            Description = "List projects.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("GET", "/v3/projects")],
            DeprecatedRule = new("identity:list_projects", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_user_projects", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and domain_id:%(target.user.domain_id)s) or user_id:%(target.user.id)s")
        {
            Description = "List the projects a user has roles on.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("GET", "/v3/users/{user_id}/projects")],
            DeprecatedRule = new("identity:list_user_projects", "rule:admin_or_owner") { Reason = Reason, Since = "S" },
        },
        new("identity:create_project", "rule:admin_required")
        {
            Description = "Create a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("POST", "/v3/projects")],
            DeprecatedRule = new("identity:create_project", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_project", "rule:admin_required")
        {
            Description = "Update a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/projects/{project_id}")],
            DeprecatedRule = new("identity:update_project", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_project", "rule:admin_required")
        {
            Description = "Delete a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/projects/{project_id}")],
            DeprecatedRule = new("identity:delete_project", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_project_tags", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and domain_id:%(target.project.domain_id)s) or project_id:%(target.project.id)s")
        {
            Description = "List the tags of a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/projects/{project_id}/tags"),
                new("HEAD", "/v3/projects/{project_id}/tags"),
            ],
            DeprecatedRule = new("identity:list_project_tags", "rule:admin_required or project_id:%(target.project.id)s") { Reason = Reason, Since = "T" },
        },
        new("identity:get_project_tag", "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and domain_id:%(target.project.domain_id)s) or project_id:%(target.project.id)s")
        {
            Description = "Check whether a project has a tag.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/projects/{project_id}/tags/{value}"),
                new("HEAD", "/v3/projects/{project_id}/tags/{value}"),
            ],
            DeprecatedRule = new("identity:get_project_tag", "rule:admin_required or project_id:%(target.project.id)s") { Reason = Reason, Since = "T" },
        },
        new("identity:update_project_tags", "rule:admin_required")
        {
            Description = "Replace all tags of a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/projects/{project_id}/tags")],
            DeprecatedRule = new("identity:update_project_tags", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:create_project_tag", "rule:admin_required")
        {
            Description = "Add a tag to a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/projects/{project_id}/tags/{value}")],
            DeprecatedRule = new("identity:create_project_tag", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:delete_project_tags", "rule:admin_required")
        {
            Description = "Remove all tags from a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/projects/{project_id}/tags")],
            DeprecatedRule = new("identity:delete_project_tags", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:delete_project_tag", "rule:admin_required")
        {
            Description = "Remove one tag from a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/projects/{project_id}/tags/{value}")],
            DeprecatedRule = new("identity:delete_project_tag", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
    ];
}
