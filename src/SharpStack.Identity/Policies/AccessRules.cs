using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the access rule API.</summary>
public static class AccessRules
{
    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_access_rule", "(role:reader and system_scope:all) or user_id:%(target.user.id)s")
        {
            Description = "Show one access rule of a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/users/{user_id}/access_rules/{access_rule_id}"),
                new("HEAD", "/v3/users/{user_id}/access_rules/{access_rule_id}"),
            ],
        },
        new("identity:list_access_rules", "(role:reader and system_scope:all) or user_id:%(target.user.id)s")
        {
            Description = "List the access rules of a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/users/{user_id}/access_rules"),
                new("HEAD", "/v3/users/{user_id}/access_rules"),
            ],
        },
        new("identity:delete_access_rule", "(role:admin and system_scope:all) or user_id:%(target.user.id)s")
        {
            Description = "Delete an access rule of a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/users/{user_id}/access_rules/{access_rule_id}")],
        },
    ];
}
