using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the endpoint group API.</summary>
public static class EndpointGroups
{
    private const string Reason = "The endpoint group API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:create_endpoint_group", "rule:admin_required")
        {
            Description = "Create an endpoint group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("POST", "/v3/OS-EP-FILTER/endpoint_groups")],
            DeprecatedRule = new("identity:create_endpoint_group", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:list_endpoint_groups", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List endpoint groups.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/OS-EP-FILTER/endpoint_groups")],
            DeprecatedRule = new("identity:list_endpoint_groups", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:get_endpoint_group", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show one endpoint group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}"),
                new("HEAD", "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}"),
            ],
            DeprecatedRule = new("identity:get_endpoint_group", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:update_endpoint_group", "rule:admin_required")
        {
            Description = "Update an endpoint group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}")],
            DeprecatedRule = new("identity:update_endpoint_group", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:delete_endpoint_group", "rule:admin_required")
        {
            Description = "Delete an endpoint group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}")],
            DeprecatedRule = new("identity:delete_endpoint_group", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:list_projects_associated_with_endpoint_group", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List the projects associated with an endpoint group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects")],
            DeprecatedRule = new("identity:list_projects_associated_with_endpoint_group", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:list_endpoints_associated_with_endpoint_group", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List the endpoints matched by an endpoint group.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/endpoints")],
            DeprecatedRule = new("identity:list_endpoints_associated_with_endpoint_group", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:get_endpoint_group_in_project", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show an endpoint group associated with a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}"),
                new("HEAD", "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}"),
            ],
            DeprecatedRule = new("identity:get_endpoint_group_in_project", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:list_endpoint_groups_for_project", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List the endpoint groups associated with a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/OS-EP-FILTER/projects/{project_id}/endpoint_groups")],
            DeprecatedRule = new("identity:list_endpoint_groups_for_project", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:add_endpoint_group_to_project", "rule:admin_required")
        {
            Description = "Associate an endpoint group with a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}")],
            DeprecatedRule = new("identity:add_endpoint_group_to_project", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:remove_endpoint_group_from_project", "rule:admin_required")
        {
            Description = "Remove the association between an endpoint group and a project.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}")],
            DeprecatedRule = new("identity:remove_endpoint_group_from_project", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
    ];
}
