using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the credential API.</summary>
public static class Credentials
{
    private const string Reason = "The credential API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:get_credential", "(rule:admin_required) or (role:reader and system_scope:all) or user_id:%(target.credential.user_id)s")
        {
            Description = "Show one credential.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/credentials/{credential_id}")],
            DeprecatedRule = new("identity:get_credential", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:list_credentials", "(rule:admin_required) or (role:reader and system_scope:all) or user_id:%(target.credential.user_id)s")
        {
            Description = "List credentials.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/credentials")],
            DeprecatedRule = new("identity:list_credentials", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:create_credential", "(rule:admin_required) or user_id:%(target.credential.user_id)s")
        {
            Description = "Create a credential.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("POST", "/v3/credentials")],
            DeprecatedRule = new("identity:create_credential", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:update_credential", "(rule:admin_required) or user_id:%(target.credential.user_id)s")
        {
            Description = "Update a credential.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("PATCH", "/v3/credentials/{credential_id}")],
            DeprecatedRule = new("identity:update_credential", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
        new("identity:delete_credential", "(rule:admin_required) or user_id:%(target.credential.user_id)s")
        {
            Description = "Delete a credential.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/credentials/{credential_id}")],
            DeprecatedRule = new("identity:delete_credential", "rule:admin_required") { Reason = Reason, Since = "S" },
        },
    ];
}
