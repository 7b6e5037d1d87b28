using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the project endpoint filter API.</summary>
public static class ProjectEndpoints
{
    private const string Reason = "The project endpoint filter API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:list_projects_for_endpoint", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List the projects an endpoint is associated with.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/OS-EP-FILTER/endpoints/{endpoint_id}/projects")],
            DeprecatedRule = new("identity:list_projects_for_endpoint", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:add_endpoint_to_project", "rule:admin_required")
        {
            Description = "Associate an endpoint with a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}")],
            DeprecatedRule = new("identity:add_endpoint_to_project", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:check_endpoint_in_project", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Check whether an endpoint is associated with a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}"),
                new("HEAD", "/v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}"),
            ],
            DeprecatedRule = new("identity:check_endpoint_in_project", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:list_endpoints_for_project", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List the endpoints associated with a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/OS-EP-FILTER/projects/{project_id}/endpoints")],
            DeprecatedRule = new("identity:list_endpoints_for_project", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:remove_endpoint_from_project", "rule:admin_required")
        {
            Description = "Remove the association between an endpoint and a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}")],
            DeprecatedRule = new("identity:remove_endpoint_from_project", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
    ];
}
