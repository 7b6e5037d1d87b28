using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the identity provider API.</summary>
public static class IdentityProviders
{
    private const string Reason = "The identity provider API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:create_identity_provider", "rule:admin_required")
        {
            Description = "Create an identity provider.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/OS-FEDERATION/identity_providers/{idp_id}")],
            DeprecatedRule = new("identity:create_identity_provider", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_identity_providers", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List identity providers.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-FEDERATION/identity_providers"),
                new("HEAD", "/v3/OS-FEDERATION/identity_providers"),
            ],
            DeprecatedRule = new("identity:list_identity_providers", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:get_identity_provider", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show one identity provider.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/OS-FEDERATION/identity_providers/{idp_id}"),
                new("HEAD", "/v3/OS-FEDERATION/identity_providers/{idp_id}"),
            ],
            DeprecatedRule = new("identity:get_identity_provider", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_identity_provider", "rule:admin_required")
        {
            Description = "Update an identity provider.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/OS-FEDERATION/identity_providers/{idp_id}")],
            DeprecatedRule = new("identity:update_identity_provider", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_identity_provider", "rule:admin_required")
        {
            Description = "Delete an identity provider.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/OS-FEDERATION/identity_providers/{idp_id}")],
            DeprecatedRule = new("identity:delete_identity_provider", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
    ];
}
