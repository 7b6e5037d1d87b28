using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the auth discovery API.</summary>
public static class Auth
{
    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_auth_catalog", "")
        {
            Description = "Get the service catalog of the current token.",
            Operations =
            [
                new("GET", "/v3/auth/catalog"),
                new("HEAD", "/v3/auth/catalog"),
            ],
        },
        new("identity:get_auth_projects", "")
        {
            Description = "List the projects the current token can be scoped to.",
            Operations =
            [
                new("GET", "/v3/auth/projects"),
                new("HEAD", "/v3/auth/projects"),
            ],
        },
        new("identity:get_auth_domains", "")
        {
            Description = "List the domains the current token can be scoped to.",
            Operations =
            [
                new("GET", "/v3/auth/domains"),
                new("HEAD", "/v3/auth/domains"),
            ],
        },
        new("identity:get_auth_system", "")
        {
            Description = "List the system scopes the current token can use.",
            Operations =
            [
                new("GET", "/v3/auth/system"),
                new("HEAD", "/v3/auth/system"),
            ],
        },
    ];
}
