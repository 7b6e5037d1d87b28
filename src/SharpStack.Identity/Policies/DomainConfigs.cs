using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the domain configuration API.</summary>
public static class DomainConfigs
{
    private const string Reason = "The domain configuration API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:create_domain_config", "rule:admin_required")
        {
            Description = "Create the configuration of a domain.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PUT", "/v3/domains/{domain_id}/config")],
            DeprecatedRule = new("identity:create_domain_config", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:get_domain_config", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show the configuration of a domain (whole, one group or one option).",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/domains/{domain_id}/config"),
                new("HEAD", "/v3/domains/{domain_id}/config"),
                new("GET", "/v3/domains/{domain_id}/config/{group}"),
                new("HEAD", "/v3/domains/{domain_id}/config/{group}"),
                new("GET", "/v3/domains/{domain_id}/config/{group}/{option}"),
                new("HEAD", "/v3/domains/{domain_id}/config/{group}/{option}"),
            ],
            DeprecatedRule = new("identity:get_domain_config", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:get_security_compliance_domain_config", "")
        {
            Description = "Read the password policy options (security compliance) exposed through the domain configuration API.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Domain, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/domains/{domain_id}/config/security_compliance"),
                new("HEAD", "/v3/domains/{domain_id}/config/security_compliance"),
                new("GET", "/v3/domains/{domain_id}/config/security_compliance/{option}"),
                new("HEAD", "/v3/domains/{domain_id}/config/security_compliance/{option}"),
            ],
        },
        new("identity:update_domain_config", "rule:admin_required")
        {
            Description = "Update the configuration of a domain.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("PATCH", "/v3/domains/{domain_id}/config"),
                new("PATCH", "/v3/domains/{domain_id}/config/{group}"),
                new("PATCH", "/v3/domains/{domain_id}/config/{group}/{option}"),
            ],
            DeprecatedRule = new("identity:update_domain_config", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:delete_domain_config", "rule:admin_required")
        {
            Description = "Delete the configuration of a domain (whole, one group or one option).",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("DELETE", "/v3/domains/{domain_id}/config"),
                new("DELETE", "/v3/domains/{domain_id}/config/{group}"),
                new("DELETE", "/v3/domains/{domain_id}/config/{group}/{option}"),
            ],
            DeprecatedRule = new("identity:delete_domain_config", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:get_domain_config_default", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show the default domain configuration options.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/domains/config/default"),
                new("HEAD", "/v3/domains/config/default"),
                new("GET", "/v3/domains/config/{group}/default"),
                new("HEAD", "/v3/domains/config/{group}/default"),
                new("GET", "/v3/domains/config/{group}/{option}/default"),
                new("HEAD", "/v3/domains/config/{group}/{option}/default"),
            ],
            DeprecatedRule = new("identity:get_domain_config_default", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
    ];
}
