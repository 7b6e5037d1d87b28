using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the federation mapping API.</summary>
public static class Mappings
{
    private const string Reason = "The federation mapping API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:create_mapping", "rule:admin_required")
        {
            Description = "Create a mapping.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/OS-FEDERATION/mappings/{mapping_id}")],
            DeprecatedRule = new("identity:create_mapping", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:get_mapping", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show one mapping.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-FEDERATION/mappings/{mapping_id}"),
                new("HEAD", "/v3/OS-FEDERATION/mappings/{mapping_id}"),
            ],
            DeprecatedRule = new("identity:get_mapping", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_mappings", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List mappings.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-FEDERATION/mappings"),
                new("HEAD", "/v3/OS-FEDERATION/mappings"),
            ],
            DeprecatedRule = new("identity:list_mappings", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_mapping", "rule:admin_required")
        {
            Description = "Delete a mapping.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/OS-FEDERATION/mappings/{mapping_id}")],
            DeprecatedRule = new("identity:delete_mapping", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_mapping", "rule:admin_required")
        {
            Description = "Update a mapping.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/OS-FEDERATION/mappings/{mapping_id}")],
            DeprecatedRule = new("identity:update_mapping", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
    ];
}
