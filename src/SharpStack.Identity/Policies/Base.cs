using SharpStack.Core.Policy;

namespace SharpStack.Identity.Policies;

/// <summary>Keystone base rules: building blocks other rules refer to with <c>rule:</c>.</summary>
public static class Base
{
    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("admin_required", "role:admin or is_admin:1")
        {
            Description = "Holds the admin role (or is_admin is set in the credentials).",
        },
        new("service_role", "role:service")
        {
            Description = "Holds the service role.",
        },
        new("service_or_admin", "rule:admin_required or rule:service_role")
        {
            Description = "An admin or a service user.",
        },
        new("owner", "user_id:%(user_id)s")
        {
            Description = "The caller is the user named by the user_id in the request path.",
        },
        new("admin_or_owner", "rule:admin_required or rule:owner")
        {
            Description = "An admin, or the user the request is about.",
        },
        new("token_subject", "user_id:%(target.token.user_id)s")
        {
            Description = "The caller owns the token being inspected (X-Subject-Token).",
        },
        new("admin_or_token_subject", "rule:admin_required or rule:token_subject")
        {
            Description = "An admin, or the owner of the token being inspected.",
        },
        new("service_admin_or_token_subject", "rule:service_or_admin or rule:token_subject")
        {
            Description = "An admin, a service user, or the owner of the token being inspected.",
        },
    ];
}
