using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the region API.</summary>
public static class Regions
{
    private const string Reason = "The region API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_region", "")
        {
            Description = "Show one region.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/regions/{region_id}"),
                new("HEAD", "/v3/regions/{region_id}"),
            ],
        },
        new("identity:list_regions", "")
        {
            Description = "List regions.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/regions"),
                new("HEAD", "/v3/regions"),
            ],
        },
        new("identity:create_region", "rule:admin_required")
        {
            Description = "Create a region.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("POST", "/v3/regions"),
                new("PUT", "/v3/regions/{region_id}"),
            ],
            DeprecatedRule = new("identity:create_region", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_region", "rule:admin_required")
        {
            Description = "Update a region.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/regions/{region_id}")],
            DeprecatedRule = new("identity:update_region", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_region", "rule:admin_required")
        {
            Description = "Delete a region.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/regions/{region_id}")],
            DeprecatedRule = new("identity:delete_region", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
    ];
}
