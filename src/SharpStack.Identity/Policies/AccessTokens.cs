using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the OAuth1 access token API.</summary>
public static class AccessTokens
{
    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:authorize_request_token", "rule:admin_required")
        {
            Description = "Authorize an OAuth1 request token.",
            ScopeTypes = [PolicyScopes.Project],
            Operations = [new("PUT", "/v3/OS-OAUTH1/authorize/{request_token_id}")],
        },
        new("identity:get_access_token", "rule:admin_required")
        {
            Description = "Show one OAuth1 access token of a user.",
            ScopeTypes = [PolicyScopes.Project],
            Operations = [new("GET", "/v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}")],
        },
        new("identity:get_access_token_role", "rule:admin_required")
        {
            Description = "Show a role delegated through an OAuth1 access token.",
            ScopeTypes = [PolicyScopes.Project],
            Operations = [new("GET", "/v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}/roles/{role_id}")],
        },
        new("identity:list_access_tokens", "rule:admin_required")
        {
            Description = "List the OAuth1 access tokens of a user.",
            ScopeTypes = [PolicyScopes.Project],
            Operations = [new("GET", "/v3/users/{user_id}/OS-OAUTH1/access_tokens")],
        },
        new("identity:list_access_token_roles", "rule:admin_required")
        {
            Description = "List the roles delegated through an OAuth1 access token.",
            ScopeTypes = [PolicyScopes.Project],
            Operations = [new("GET", "/v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}/roles")],
        },
        new("identity:delete_access_token", "rule:admin_required")
        {
            Description = "Revoke an OAuth1 access token.",
            ScopeTypes = [PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/users/{user_id}/OS-OAUTH1/access_tokens/{access_token_id}")],
        },
    ];
}
