using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the service provider API.</summary>
public static class ServiceProviders
{
    private const string Reason = "The service provider API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:create_service_provider", "rule:admin_required")
        {
            Description = "Create a service provider.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/OS-FEDERATION/service_providers/{service_provider_id}")],
            DeprecatedRule = new("identity:create_service_provider", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_service_providers", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List service providers.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-FEDERATION/service_providers"),
                new("HEAD", "/v3/OS-FEDERATION/service_providers"),
            ],
            DeprecatedRule = new("identity:list_service_providers", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:get_service_provider", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show one service provider.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-FEDERATION/service_providers/{service_provider_id}"),
                new("HEAD", "/v3/OS-FEDERATION/service_providers/{service_provider_id}"),
            ],
            DeprecatedRule = new("identity:get_service_provider", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_service_provider", "rule:admin_required")
        {
            Description = "Update a service provider.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/OS-FEDERATION/service_providers/{service_provider_id}")],
            DeprecatedRule = new("identity:update_service_provider", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_service_provider", "rule:admin_required")
        {
            Description = "Delete a service provider.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/OS-FEDERATION/service_providers/{service_provider_id}")],
            DeprecatedRule = new("identity:delete_service_provider", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
    ];
}
