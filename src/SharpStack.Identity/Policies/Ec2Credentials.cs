using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone (Zed) default rules for the EC2 credential API.</summary>
public static class Ec2Credentials
{
    private const string Reason = "The EC2 credential API now distinguishes system, domain and project scoped tokens and the reader/member/admin roles.";

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("identity:ec2_get_credential", "(rule:admin_required) or (role:reader and system_scope:all) or user_id:%(target.credential.user_id)s")
        {
            Description = "Show one EC2 credential of a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/users/{user_id}/credentials/OS-EC2/{credential_id}")],
            DeprecatedRule = new("identity:ec2_get_credential", "rule:admin_required or (rule:owner and user_id:%(target.credential.user_id)s)") { Reason = Reason, Since = "T" },
        },
        new("identity:ec2_list_credentials", "(rule:admin_required) or (role:member and user_id:%(target.credential.user_id)s)")
        {
            Description = "List the EC2 credentials of a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("GET", "/v3/users/{user_id}/credentials/OS-EC2")],
            DeprecatedRule = new("identity:ec2_list_credentials", "rule:admin_or_owner") { Reason = Reason, Since = "T" },
        },
        new("identity:ec2_create_credential", "(rule:admin_required) or (role:member and user_id:%(target.credential.user_id)s)")
        {
            Description = "Create an EC2 credential for a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("POST", "/v3/users/{user_id}/credentials/OS-EC2")],
            DeprecatedRule = new("identity:ec2_create_credential", "rule:admin_or_owner") { Reason = Reason, Since = "T" },
        },
        new("identity:ec2_delete_credential", "(rule:admin_required) or user_id:%(target.credential.user_id)s")
        {
            Description = "Delete an EC2 credential of a user.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            Operations = [new("DELETE", "/v3/users/{user_id}/credentials/OS-EC2/{credential_id}")],
            DeprecatedRule = new("identity:ec2_delete_credential", "rule:admin_required or (rule:owner and user_id:%(target.credential.user_id)s)") { Reason = Reason, Since = "T" },
        },
    ];
}
