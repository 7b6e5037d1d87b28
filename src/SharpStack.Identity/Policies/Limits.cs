using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the project limit API.</summary>
public static class Limits
{
    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_limit_model", "")
        {
            Description = "Show the enforcement model used for limits.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/limits/model"),
                new("HEAD", "/v3/limits/model"),
            ],
        },
        new("identity:get_limit", "rule:admin_required or (role:reader and system_scope:all) or (domain_id:%(target.limit.domain.id)s or domain_id:%(target.limit.project.domain_id)s) or (project_id:%(target.limit.project_id)s and not None:%(target.limit.project_id)s)")
        {
            Description = "Show one limit.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/limits/{limit_id}"),
                new("HEAD", "/v3/limits/{limit_id}"),
            ],
        },
        new("identity:list_limits", "")
        {
            Description = "List limits.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/limits"),
                new("HEAD", "/v3/limits"),
            ],
        },
        new("identity:create_limits", "rule:admin_required")
        {
            Description = "Create project or domain limits.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("POST", "/v3/limits")],
        },
        new("identity:update_limit", "rule:admin_required")
        {
            Description = "Update a limit.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/limits/{limit_id}")],
        },
        new("identity:delete_limit", "rule:admin_required")
        {
            Description = "Delete a limit.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/limits/{limit_id}")],
        },
    ];
}
