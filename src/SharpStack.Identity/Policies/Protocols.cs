using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the federation protocol API.</summary>
public static class Protocols
{
    private const string Reason = "The federation protocol API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:create_protocol", "rule:admin_required")
        {
            Description = "Create a protocol.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}")],
            DeprecatedRule = new("identity:create_protocol", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_protocol", "rule:admin_required")
        {
            Description = "Update a protocol.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}")],
            DeprecatedRule = new("identity:update_protocol", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:get_protocol", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show one protocol.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}")],
            DeprecatedRule = new("identity:get_protocol", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_protocols", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List protocols.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols")],
            DeprecatedRule = new("identity:list_protocols", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_protocol", "rule:admin_required")
        {
            Description = "Delete a protocol.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{protocol_id}")],
            DeprecatedRule = new("identity:delete_protocol", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
    ];
}
