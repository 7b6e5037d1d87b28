using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the domain API.</summary>
public static class Domains
{
    private const string Reason = "The domain API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_domain", "rule:admin_required or (role:reader and system_scope:all) or token.domain.id:%(target.domain.id)s or token.project.domain.id:%(target.domain.id)s")
        {
            Description = "Show one domain.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations = [new("GET", "/v3/domains/{domain_id}")],
            DeprecatedRule = new("identity:get_domain", "rule:admin_required or token.project.domain.id:%(target.domain.id)s") { Reason = Reason, Since = "S" },
        },
        new("identity:list_domains", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List domains.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/domains")],
            DeprecatedRule = new("identity:list_domains", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:create_domain", "rule:admin_required")
        {
            Description = "Create a domain.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("POST", "/v3/domains")],
            DeprecatedRule = new("identity:create_domain", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_domain", "rule:admin_required")
        {
            Description = "Update a domain.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/domains/{domain_id}")],
            DeprecatedRule = new("identity:update_domain", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_domain", "rule:admin_required")
        {
            Description = "Delete a domain.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/domains/{domain_id}")],
            DeprecatedRule = new("identity:delete_domain", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
    ];
}
