using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the endpoint policy association API.</summary>
public static class PolicyAssociations
{
    private const string Reason = "The endpoint policy association API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:create_policy_association_for_endpoint", "rule:admin_required")
        {
            Description = "Attach a policy blob to an endpoint.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints/{endpoint_id}")],
            DeprecatedRule = new("identity:create_policy_association_for_endpoint", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:check_policy_association_for_endpoint", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Check whether a policy blob is attached to an endpoint.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints/{endpoint_id}"),
                new("HEAD", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints/{endpoint_id}"),
            ],
            DeprecatedRule = new("identity:check_policy_association_for_endpoint", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:delete_policy_association_for_endpoint", "rule:admin_required")
        {
            Description = "Detach a policy blob from an endpoint.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints/{endpoint_id}")],
            DeprecatedRule = new("identity:delete_policy_association_for_endpoint", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:create_policy_association_for_service", "rule:admin_required")
        {
            Description = "Attach a policy blob to a service.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}")],
            DeprecatedRule = new("identity:create_policy_association_for_service", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:check_policy_association_for_service", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Check whether a policy blob is attached to a service.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}"),
                new("HEAD", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}"),
            ],
            DeprecatedRule = new("identity:check_policy_association_for_service", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:delete_policy_association_for_service", "rule:admin_required")
        {
            Description = "Detach a policy blob from a service.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}")],
            DeprecatedRule = new("identity:delete_policy_association_for_service", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:create_policy_association_for_region_and_service", "rule:admin_required")
        {
            Description = "Attach a policy blob to a service in a region.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}/regions/{region_id}")],
            DeprecatedRule = new("identity:create_policy_association_for_region_and_service", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:check_policy_association_for_region_and_service", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Check whether a policy blob is attached to a service in a region.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}/regions/{region_id}"),
                new("HEAD", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}/regions/{region_id}"),
            ],
            DeprecatedRule = new("identity:check_policy_association_for_region_and_service", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:delete_policy_association_for_region_and_service", "rule:admin_required")
        {
            Description = "Detach a policy blob from a service in a region.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}/regions/{region_id}")],
            DeprecatedRule = new("identity:delete_policy_association_for_region_and_service", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:get_policy_for_endpoint", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show the policy blob that applies to an endpoint.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/endpoints/{endpoint_id}/OS-ENDPOINT-POLICY/policy"),
                new("HEAD", "/v3/endpoints/{endpoint_id}/OS-ENDPOINT-POLICY/policy"),
            ],
            DeprecatedRule = new("identity:get_policy_for_endpoint", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:list_endpoints_for_policy", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List the endpoints a policy blob applies to.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints")],
            DeprecatedRule = new("identity:list_endpoints_for_policy", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
    ];
}
