using SharpStack.Core.Policy;

namespace SharpStack.Compute.Policies;

/// <summary>Nova's (Zed) base rules: admin, project member/reader, and the deprecated defaults they replace
/// (admin_api = is_admin:True, admin_or_owner = is_admin:True or the project), honoured until enforce_new_defaults.</summary>
public static class Base
{
    public const string Admin = "rule:context_is_admin";
    public const string ProjectMember = "rule:project_member_api";
    public const string ProjectReader = "rule:project_reader_api";
    public const string ProjectMemberOrAdmin = "rule:project_member_or_admin";
    public const string ProjectReaderOrAdmin = "rule:project_reader_or_admin";
    public const string AdminOrOwnerCheck = "is_admin:True or project_id:%(project_id)s";

    private const string Reason =
        "Nova API policies are introducing new default roles with scope_type capabilities. Old policies are deprecated and silently going to be ignored in nova 23.0.0 release.";

    public static DeprecatedRule DeprecatedAdmin { get; } = new("admin_api", "is_admin:True") { Reason = Reason, Since = "21.0.0" };

    public static DeprecatedRule DeprecatedAdminOrOwner { get; } = new("admin_or_owner", AdminOrOwnerCheck) { Reason = Reason, Since = "21.0.0" };

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("context_is_admin", "role:admin") { Description = "Decides what is required for the 'is_admin:True' check to succeed.", DeprecatedRule = DeprecatedAdmin },
        new("admin_or_owner", AdminOrOwnerCheck) { Description = "Default rule for most non-Admin APIs.", DeprecatedForRemoval = true, DeprecatedReason = Reason },
        new("admin_api", "is_admin:True") { Description = "Default rule for most Admin APIs.", DeprecatedForRemoval = true, DeprecatedReason = Reason },
        new("project_member_api", "role:member and project_id:%(project_id)s") { Description = "Default rule for Project level non admin APIs.", DeprecatedRule = DeprecatedAdminOrOwner },
        new("project_reader_api", "role:reader and project_id:%(project_id)s") { Description = "Default rule for Project level read only APIs.", DeprecatedRule = DeprecatedAdminOrOwner },
        new("project_member_or_admin", "rule:project_member_api or rule:context_is_admin") { Description = "Default rule for Project Member or admin APIs.", DeprecatedRule = DeprecatedAdminOrOwner },
        new("project_reader_or_admin", "rule:project_reader_api or rule:context_is_admin") { Description = "Default rule for Project reader or admin APIs.", DeprecatedRule = DeprecatedAdminOrOwner },
    ];

    /// <summary>A project-scoped API rule.</summary>
    public static RuleDefault Rule(string name, string check, string description, string method, string path, DeprecatedRule? deprecated = null) =>
        new(name, check)
        {
            Description = description,
            ScopeTypes = [PolicyScopes.Project],
            Operations = [new(method, path)],
            DeprecatedRule = deprecated,
        };
}
