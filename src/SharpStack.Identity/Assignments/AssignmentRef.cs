namespace SharpStack.Identity.Assignments;

/// <summary>One role assignment as Keystone's assignment manager passes them around: an actor (user or group), a
/// target (project, domain or the system), a role, whether it is inherited to projects, and, for an assignment
/// derived in effective mode, where it came from. Value equality matters: implied-role expansion stops at an
/// assignment it has already seen.</summary>
public sealed record AssignmentRef
{
    public string? UserId { get; init; }
    public string? GroupId { get; init; }
    public string? ProjectId { get; init; }
    public string? DomainId { get; init; }
    public bool System { get; init; }
    public required string RoleId { get; init; }
    public bool InheritedToProjects { get; init; }
    public AssignmentSource? Indirect { get; init; }

    /// <summary>Names resolved for include_names (null otherwise).</summary>
    public AssignmentNames? Names { get; init; }
}

/// <summary>Where an effective assignment came from: the group that gave it, the domain or project it was inherited
/// from, the prior role that implied it.</summary>
public sealed record AssignmentSource
{
    public string? GroupId { get; init; }
    public string? ProjectId { get; init; }
    public string? DomainId { get; init; }
    public string? RoleId { get; init; }
}

/// <summary>The names Keystone adds with include_names (empty strings for a user or group that no longer exists).</summary>
public sealed record AssignmentNames
{
    public string? UserName { get; init; }
    public string? UserDomainId { get; init; }
    public string? UserDomainName { get; init; }
    public string? GroupName { get; init; }
    public string? GroupDomainId { get; init; }
    public string? GroupDomainName { get; init; }
    public string? ProjectName { get; init; }
    public string? ProjectDomainId { get; init; }
    public string? ProjectDomainName { get; init; }
    public string? DomainName { get; init; }
    public required string RoleName { get; init; }
    public string? RoleDomainId { get; init; }
    public string? RoleDomainName { get; init; }
}

/// <summary>The filters of GET /v3/role_assignments, already checked for contradictions.</summary>
public sealed record RoleAssignmentQuery
{
    public string? RoleId { get; init; }
    public string? UserId { get; init; }
    public string? GroupId { get; init; }
    public string? ProjectId { get; init; }
    public string? DomainId { get; init; }

    /// <summary>scope.system=all.</summary>
    public bool System { get; init; }

    /// <summary>scope.OS-INHERIT:inherited_to: null when absent, true when "projects", false otherwise.</summary>
    public bool? Inherited { get; init; }

    public bool Effective { get; init; }
    public bool IncludeSubtree { get; init; }
    public bool IncludeNames { get; init; }
}
