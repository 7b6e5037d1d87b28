using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the application credential API.</summary>
public static class ApplicationCredentials
{
    private const string Reason = "The application credential API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_application_credential", "(rule:admin_required) or (role:reader and system_scope:all) or rule:owner")
        {
            Description = "Show one application credential of a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/users/{user_id}/application_credentials/{application_credential_id}"),
                new("HEAD", "/v3/users/{user_id}/application_credentials/{application_credential_id}"),
            ],
            DeprecatedRule = new("identity:get_application_credential", "rule:admin_or_owner") { Reason = Reason, Since = "T" },
        },
        new("identity:list_application_credentials", "(rule:admin_required) or (role:reader and system_scope:all) or rule:owner")
        {
            Description = "List the application credentials of a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations =
            [
                new("GET", "/v3/users/{user_id}/application_credentials"),
                new("HEAD", "/v3/users/{user_id}/application_credentials"),
            ],
            DeprecatedRule = new("identity:list_application_credentials", "rule:admin_or_owner") { Reason = Reason, Since = "T" },
        },
        new("identity:create_application_credential", "user_id:%(user_id)s")
        {
            Description = "Create an application credential for the calling user.",
            ScopeTypes = [PolicyScopes.Project],
            Operations = [new("POST", "/v3/users/{user_id}/application_credentials")],
        },
        new("identity:delete_application_credential", "rule:admin_or_owner")
        {
            Description = "Delete an application credential of a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/users/{user_id}/application_credentials/{application_credential_id}")],
            DeprecatedRule = new("identity:delete_application_credential", "rule:admin_or_owner") { Reason = Reason, Since = "T" },
        },
    ];
}
