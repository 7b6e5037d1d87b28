using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the role API.</summary>
public static class Roles
{
    private const string Reason = "The role API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_role", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show one role.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/roles/{role_id}"),
                new("HEAD", "/v3/roles/{role_id}"),
            ],
            DeprecatedRule = new("identity:get_role", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_roles", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List roles.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/roles"),
                new("HEAD", "/v3/roles"),
            ],
            DeprecatedRule = new("identity:list_roles", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:create_role", "rule:admin_required")
        {
            Description = "Create a role.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("POST", "/v3/roles")],
            DeprecatedRule = new("identity:create_role", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_role", "rule:admin_required")
        {
            Description = "Update a role.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/roles/{role_id}")],
            DeprecatedRule = new("identity:update_role", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_role", "rule:admin_required")
        {
            Description = "Delete a role.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/roles/{role_id}")],
            DeprecatedRule = new("identity:delete_role", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:get_domain_role", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show one domain-specific role.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/roles/{role_id}"),
                new("HEAD", "/v3/roles/{role_id}"),
            ],
            DeprecatedRule = new("identity:get_domain_role", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:list_domain_roles", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List domain-specific roles.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/roles?domain_id={domain_id}"),
                new("HEAD", "/v3/roles?domain_id={domain_id}"),
            ],
            DeprecatedRule = new("identity:list_domain_roles", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:create_domain_role", "rule:admin_required")
        {
            Description = "Create a domain-specific role.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("POST", "/v3/roles")],
            DeprecatedRule = new("identity:create_domain_role", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:update_domain_role", "rule:admin_required")
        {
            Description = "Update a domain-specific role.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/roles/{role_id}")],
            DeprecatedRule = new("identity:update_domain_role", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:delete_domain_role", "rule:admin_required")
        {
            Description = "Delete a domain-specific role.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/roles/{role_id}")],
            DeprecatedRule = new("identity:delete_domain_role", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
    ];
}
