using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Assignments;

/// <summary>The roles a user effectively has on a project, a domain or the system: direct grants, grants
/// to their groups, inherited grants from the project's domain and ancestors, then implied roles expanded.
/// Domain-specific roles are dropped from the result (they only contribute the global roles they imply).</summary>
public sealed class EffectiveRoles(IdentityDb db)
{
    /// <summary>Roles of <paramref name="userId"/> on <paramref name="projectId"/>.</summary>
    public async Task<IReadOnlyList<RoleRef>> OnProjectAsync(string userId, string projectId, bool stripDomainRoles = true, CancellationToken ct = default)
    {
        var groups = await GroupIdsAsync(userId, ct);
        var actors = groups.Append(userId).ToList();
        var ancestors = await AncestorIdsAsync(projectId, ct);

        var roleIds = await db.Assignments
            .Where(a => actors.Contains(a.ActorId) && (
                (a.TargetId == projectId && !a.Inherited
                    && (a.Type == AssignmentType.UserProject || a.Type == AssignmentType.GroupProject))
                || (ancestors.Contains(a.TargetId) && a.Inherited)))
            .Select(a => a.RoleId)
            .Distinct()
            .ToListAsync(ct);
        return await ExpandAsync(roleIds, stripDomainRoles, ct);
    }

    /// <summary>Roles of <paramref name="userId"/> on the domain <paramref name="domainId"/> (inherited grants do not apply to the domain itself).</summary>
    public async Task<IReadOnlyList<RoleRef>> OnDomainAsync(string userId, string domainId, CancellationToken ct = default)
    {
        var groups = await GroupIdsAsync(userId, ct);
        var actors = groups.Append(userId).ToList();
        var roleIds = await db.Assignments
            .Where(a => actors.Contains(a.ActorId) && a.TargetId == domainId && !a.Inherited
                && (a.Type == AssignmentType.UserDomain || a.Type == AssignmentType.GroupDomain))
            .Select(a => a.RoleId)
            .Distinct()
            .ToListAsync(ct);
        return await ExpandAsync(roleIds, stripDomainRoles: true, ct);
    }

    /// <summary>Roles of <paramref name="userId"/> on the system, directly or through groups.</summary>
    public async Task<IReadOnlyList<RoleRef>> OnSystemAsync(string userId, CancellationToken ct = default)
    {
        var groups = await GroupIdsAsync(userId, ct);
        var actors = groups.Append(userId).ToList();
        var roleIds = await db.SystemAssignments
            .Where(a => actors.Contains(a.ActorId))
            .Select(a => a.RoleId)
            .Distinct()
            .ToListAsync(ct);
        return await ExpandAsync(roleIds, stripDomainRoles: true, ct);
    }

    /// <summary>Adds every role implied (transitively) by <paramref name="roleIds"/> and resolves names.</summary>
    public async Task<IReadOnlyList<RoleRef>> ExpandAsync(IReadOnlyCollection<string> roleIds, bool stripDomainRoles, CancellationToken ct = default)
    {
        if (roleIds.Count == 0) return [];
        var all = new HashSet<string>(roleIds);
        var frontier = roleIds.ToList();
        while (frontier.Count > 0)
        {
            var implied = await db.ImpliedRoles
                .Where(i => frontier.Contains(i.PriorRoleId))
                .Select(i => i.ImpliedRoleId)
                .ToListAsync(ct);
            frontier = implied.Where(all.Add).ToList();
        }
        var rows = await db.Roles.Where(r => all.Contains(r.Id)).ToListAsync(ct);
        return rows
            .Where(r => !stripDomainRoles || r.DomainId == RoleRow.GlobalDomain)
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new RoleRef(r.Id, r.Name, r.DomainId == RoleRow.GlobalDomain ? null : r.DomainId))
            .ToList();
    }

    private Task<List<string>> GroupIdsAsync(string userId, CancellationToken ct) =>
        db.GroupMemberships.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(ct);

    /// <summary>The project's ancestors up to and including its domain (a top-level project's parent is its domain).</summary>
    private async Task<List<string>> AncestorIdsAsync(string projectId, CancellationToken ct)
    {
        var result = new List<string>();
        var seen = new HashSet<string> { projectId };
        var current = await db.Projects.Where(p => p.Id == projectId).Select(p => new { p.ParentId, p.DomainId }).FirstOrDefaultAsync(ct);
        if (current is null) return result;
        var domainId = current.DomainId;
        var parent = current.ParentId;
        while (parent is not null && seen.Add(parent))
        {
            result.Add(parent);
            parent = await db.Projects.Where(p => p.Id == parent).Select(p => p.ParentId).FirstOrDefaultAsync(ct);
        }
        if (!result.Contains(domainId)) result.Add(domainId);
        return result;
    }
}
