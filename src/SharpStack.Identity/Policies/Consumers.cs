using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the OAuth1 consumer API.</summary>
public static class Consumers
{
    private const string Reason = "The OAuth1 consumer API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_consumer", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "Show one consumer.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/OS-OAUTH1/consumers/{consumer_id}")],
            DeprecatedRule = new("identity:get_consumer", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:list_consumers", "rule:admin_required or (role:reader and system_scope:all)")
        {
            Description = "List consumers.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/OS-OAUTH1/consumers")],
            DeprecatedRule = new("identity:list_consumers", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:create_consumer", "rule:admin_required")
        {
            Description = "Create a consumer.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("POST", "/v3/OS-OAUTH1/consumers")],
            DeprecatedRule = new("identity:create_consumer", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:update_consumer", "rule:admin_required")
        {
            Description = "Update a consumer.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/OS-OAUTH1/consumers/{consumer_id}")],
            DeprecatedRule = new("identity:update_consumer", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
        new("identity:delete_consumer", "rule:admin_required")
        {
            Description = "Delete a consumer.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/OS-OAUTH1/consumers/{consumer_id}")],
            DeprecatedRule = new("identity:delete_consumer", "rule:admin_required") { Reason = Reason, Since = "T" },
        },
    ];
}
