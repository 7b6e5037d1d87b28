using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Resources;

/// <summary>What Keystone removes with a deleted project (its _post_delete_cleanup_project and the callbacks on
/// "project deleted"): role assignments on it, its credentials, trusts (soft-deleted), limits, endpoint and endpoint
/// group associations, tags, and users' default_project_id pointing at it. Run inside the deleting transaction.</summary>
public sealed class ProjectCleanup(IdentityDb db, TimeProvider time)
{
    public async Task RunAsync(IReadOnlyCollection<string> projectIds, CancellationToken ct)
    {
        if (projectIds.Count == 0) return;
        var ids = projectIds.ToList();
        await db.Assignments.Where(a => ids.Contains(a.TargetId)
                && (a.Type == AssignmentType.UserProject || a.Type == AssignmentType.GroupProject))
            .ExecuteDeleteAsync(ct);
        await db.Credentials.Where(c => c.ProjectId != null && ids.Contains(c.ProjectId)).ExecuteDeleteAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Trusts.Where(t => t.ProjectId != null && ids.Contains(t.ProjectId) && t.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DeletedAt, now), ct);
        await db.Limits.Where(l => l.ProjectId != null && ids.Contains(l.ProjectId)).ExecuteDeleteAsync(ct);
        await db.ProjectEndpoints.Where(e => ids.Contains(e.ProjectId)).ExecuteDeleteAsync(ct);
        await db.ProjectEndpointGroups.Where(e => ids.Contains(e.ProjectId)).ExecuteDeleteAsync(ct);
        await db.ProjectTags.Where(t => ids.Contains(t.ProjectId)).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.DefaultProjectId != null && ids.Contains(u.DefaultProjectId))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DefaultProjectId, (string?)null), ct);
    }
}
