using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the service API.</summary>
public static class Services
{
    private const string Reason = "The service API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_service", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show one service.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/services/{service_id}")],
            DeprecatedRule = new("identity:get_service", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_services", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List services.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/services")],
            DeprecatedRule = new("identity:list_services", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:create_service", "rule:admin_required")
        {
            Description = "Create a service.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("POST", "/v3/services")],
            DeprecatedRule = new("identity:create_service", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_service", "rule:admin_required")
        {
            Description = "Update a service.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/services/{service_id}")],
            DeprecatedRule = new("identity:update_service", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_service", "rule:admin_required")
        {
            Description = "Delete a service.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/services/{service_id}")],
            DeprecatedRule = new("identity:delete_service", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
    ];
}
