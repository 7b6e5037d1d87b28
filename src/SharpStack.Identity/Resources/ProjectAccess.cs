using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Resources;

/// <summary>The projects on which a user has an effective role assignment (Keystone's list_projects_for_user, disabled
/// projects included): direct or group grants on the project, and grants inherited from its domain or its parents.
/// Used to filter ?parents_as_list and ?subtree_as_list to what the caller may see.</summary>
public sealed class ProjectAccess(IdentityDb db)
{
    public async Task<HashSet<string>> ProjectIdsAsync(string userId, CancellationToken ct)
    {
        var actors = await db.GroupMemberships.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(ct);
        actors.Add(userId);
        var grants = await db.Assignments.Where(a => actors.Contains(a.ActorId)).ToListAsync(ct);
        var projectTypes = new[] { AssignmentType.UserProject, AssignmentType.GroupProject };
        var result = grants.Where(a => !a.Inherited && projectTypes.Contains(a.Type)).Select(a => a.TargetId).ToHashSet();
        var inherited = grants.Where(a => a.Inherited).ToList();
        if (inherited.Count == 0) return result;

        var inheritedDomains = inherited.Where(a => !projectTypes.Contains(a.Type)).Select(a => a.TargetId).ToHashSet();
        var inheritedProjects = inherited.Where(a => projectTypes.Contains(a.Type)).Select(a => a.TargetId).ToHashSet();
        var projects = await db.Projects.Where(p => !p.IsDomain).Select(p => new { p.Id, p.ParentId, p.DomainId }).ToListAsync(ct);
        var parentOf = projects.ToDictionary(p => p.Id, p => p.ParentId);
        foreach (var p in projects)
        {
            if (inheritedDomains.Contains(p.DomainId))
            {
                result.Add(p.Id);
                continue;
            }
            // An inherited project grant covers the project's subtree, not the project itself.
            var seen = new HashSet<string> { p.Id };
            for (var cur = p.ParentId; cur is not null && seen.Add(cur); cur = parentOf.GetValueOrDefault(cur))
            {
                if (!inheritedProjects.Contains(cur)) continue;
                result.Add(p.Id);
                break;
            }
        }
        return result;
    }
}
