namespace SharpStack.Identity.Storage.Entities;

/// <summary>The kinds of role assignment, with Keystone's stored names.</summary>
public static class AssignmentType
{
    public const string UserProject = "UserProject";
    public const string GroupProject = "GroupProject";
    public const string UserDomain = "UserDomain";
    public const string GroupDomain = "GroupDomain";
    public const string UserSystem = "UserSystem";
    public const string GroupSystem = "GroupSystem";
}

/// <summary>A role granted to a user or group (actor) on a project or domain (target); inherited ones apply to the target's subtree.</summary>
public sealed class AssignmentRow
{
    public required string Type { get; set; }
    public required string ActorId { get; set; }
    public required string TargetId { get; set; }
    public required string RoleId { get; set; }
    public bool Inherited { get; set; }
}

/// <summary>A role granted to a user or group on the system (target "system").</summary>
public sealed class SystemAssignmentRow
{
    public const string SystemTarget = "system";

    public required string Type { get; set; }
    public required string ActorId { get; set; }
    public string TargetId { get; set; } = SystemTarget;
    public required string RoleId { get; set; }
    public bool Inherited { get; set; }
}
