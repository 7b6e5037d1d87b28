using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Assignments;

/// <summary>One grant as the grant APIs name it: a role given to a user or group on a project or domain,
/// possibly inherited to the projects below the target.</summary>
public sealed record Grant(string RoleId, string ActorId, bool ActorIsGroup, string TargetId, bool TargetIsDomain, bool Inherited = false)
{
    /// <summary>The stored assignment type (UserProject, GroupDomain, …).</summary>
    public string Type => (ActorIsGroup, TargetIsDomain) switch
    {
        (false, false) => AssignmentType.UserProject,
        (true, false) => AssignmentType.GroupProject,
        (false, true) => AssignmentType.UserDomain,
        (true, true) => AssignmentType.GroupDomain,
    };
}
