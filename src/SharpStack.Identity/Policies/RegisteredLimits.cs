using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the registered limit API.</summary>
public static class RegisteredLimits
{
    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_registered_limit", "")
        {
            Description = "Show one registered limit.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/registered_limits/{registered_limit_id}"),
                new("HEAD", "/v3/registered_limits/{registered_limit_id}"),
            ],
        },
        new("identity:list_registered_limits", "")
        {
            Description = "List registered limits.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/registered_limits"),
                new("HEAD", "/v3/registered_limits"),
            ],
        },
        new("identity:create_registered_limits", "rule:admin_required")
        {
            Description = "Create registered (default) limits.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("POST", "/v3/registered_limits")],
        },
        new("identity:update_registered_limit", "rule:admin_required")
        {
            Description = "Update a registered limit.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/registered_limits/{registered_limit_id}")],
        },
        new("identity:delete_registered_limit", "rule:admin_required")
        {
            Description = "Delete a registered limit.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/registered_limits/{registered_limit_id}")],
        },
    ];
}
