using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the endpoint API.</summary>
public static class Endpoints
{
    private const string Reason = "The endpoint API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_endpoint", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show one endpoint.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/endpoints/{endpoint_id}")],
            DeprecatedRule = new("identity:get_endpoint", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_endpoints", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List endpoints.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/endpoints")],
            DeprecatedRule = new("identity:list_endpoints", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:create_endpoint", "rule:admin_required")
        {
            Description = "Create an endpoint.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("POST", "/v3/endpoints")],
            DeprecatedRule = new("identity:create_endpoint", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_endpoint", "rule:admin_required")
        {
            Description = "Update an endpoint.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/endpoints/{endpoint_id}")],
            DeprecatedRule = new("identity:update_endpoint", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_endpoint", "rule:admin_required")
        {
            Description = "Delete an endpoint.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/endpoints/{endpoint_id}")],
            DeprecatedRule = new("identity:delete_endpoint", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
    ];
}
