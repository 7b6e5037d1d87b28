using SharpStack.Core.Policy;

namespace SharpStack.Image.Policies;

/// <summary>Glance (Zed) base rules and the check strings its resource rules are built from.</summary>
public static class Base
{
    public const string ProjectMember = "role:member and project_id:%(project_id)s";
    public const string ProjectReader = "role:reader and project_id:%(project_id)s";
    public const string ImageMemberCheck = "project_id:%(member_id)s";
    public const string CommunityVisibility = "\"community\":%(visibility)s";
    public const string PublicVisibility = "\"public\":%(visibility)s";
    public const string SharedVisibility = "\"shared\":%(visibility)s";

    public const string Admin = "role:admin";
    public const string AdminOrProjectMember = $"role:admin or ({ProjectMember})";
    public const string AdminOrProjectReader = $"role:admin or ({ProjectReader})";
    public const string AdminOrProjectReaderGetImage =
        $"role:admin or ({ProjectReader}) or {CommunityVisibility} or {PublicVisibility} or {SharedVisibility}";
    public const string AdminOrProjectMemberDownloadImage =
        $"role:admin or ({ProjectMember}) or {CommunityVisibility} or {PublicVisibility} or {SharedVisibility}";
    public const string AdminOrProjectMemberCreateImage = $"role:admin or ({ProjectMember} and project_id:%(owner)s)";
    public const string AdminOrSharedMember = $"role:admin or (role:member and {ImageMemberCheck})";
    public const string AdminOrProjectReaderOrSharedMember = $"role:admin or role:reader and ({ProjectReader} or {ImageMemberCheck})";

    /// <summary>Until enforce_new_defaults, each rule also accepts its old default, which allowed everyone.</summary>
    internal static DeprecatedRule Deprecated(string name) =>
        new(name, "rule:default") { Reason = "Glance now uses the reader/member/admin personas and project scope.", Since = "W" };

    public static IReadOnlyList<RuleDefault> Rules { get; } =
    [
        new("context_is_admin", "role:admin") { Description = "Defines the rule for the is_admin:True check." },
        new("default", "") { Description = "The default rule of every rule an operator's file names without defining." },
    ];
}
