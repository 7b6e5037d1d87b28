using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Assignments;

/// <summary>The projects, domains and system a user can scope a token to: everything on which they hold a role
/// directly, through a group, or by inheritance from a domain or parent project.</summary>
public sealed class AccessibleTargets(IdentityDb db)
{
    /// <summary>Enabled projects where the user holds at least one role.</summary>
    public async Task<List<ProjectRow>> ProjectsAsync(string userId, CancellationToken ct) =>
        (await AssignedProjectsAsync(userId, ct)).Where(p => p.Enabled).ToList();

    /// <summary>Every project where the user holds at least one role, enabled or not (GET /v3/users/{id}/projects).</summary>
    public async Task<List<ProjectRow>> AssignedProjectsAsync(string userId, CancellationToken ct)
    {
        var actors = await ActorsAsync(userId, ct);
        var grants = await db.Assignments.Where(a => actors.Contains(a.ActorId)).ToListAsync(ct);
        var direct = grants.Where(a => !a.Inherited && a.Type is AssignmentType.UserProject or AssignmentType.GroupProject).Select(a => a.TargetId).ToHashSet();
        var inheritedRoots = grants.Where(a => a.Inherited).Select(a => a.TargetId).ToHashSet();
        var projects = await db.Projects.Where(p => !p.IsDomain || direct.Contains(p.Id)).ToListAsync(ct);
        if (inheritedRoots.Count > 0)
        {
            // A grant inherited from a domain or project covers every project below it.
            var byId = projects.ToDictionary(p => p.Id);
            foreach (var p in projects.Where(p => !p.IsDomain))
            {
                var seen = new HashSet<string>();
                for (var cur = p.ParentId; cur is not null && seen.Add(cur); cur = byId.TryGetValue(cur, out var parent) ? parent.ParentId : null)
                {
                    if (!inheritedRoots.Contains(cur)) continue;
                    direct.Add(p.Id);
                    break;
                }
                if (inheritedRoots.Contains(p.DomainId)) direct.Add(p.Id);
            }
        }
        return projects.Where(p => direct.Contains(p.Id)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Enabled domains where the user holds at least one (non-inherited) role.</summary>
    public async Task<List<ProjectRow>> DomainsAsync(string userId, CancellationToken ct)
    {
        var actors = await ActorsAsync(userId, ct);
        var ids = await db.Assignments
            .Where(a => actors.Contains(a.ActorId) && !a.Inherited && (a.Type == AssignmentType.UserDomain || a.Type == AssignmentType.GroupDomain))
            .Select(a => a.TargetId).Distinct().ToListAsync(ct);
        return await db.Projects.Where(p => ids.Contains(p.Id) && p.IsDomain && p.Enabled).OrderBy(p => p.Name).ToListAsync(ct);
    }

    /// <summary>True when the user holds any role on the system.</summary>
    public async Task<bool> HasSystemAsync(string userId, CancellationToken ct)
    {
        var actors = await ActorsAsync(userId, ct);
        return await db.SystemAssignments.AnyAsync(a => actors.Contains(a.ActorId), ct);
    }

    private async Task<List<string>> ActorsAsync(string userId, CancellationToken ct)
    {
        var groups = await db.GroupMemberships.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(ct);
        groups.Add(userId);
        return groups;
    }
}
