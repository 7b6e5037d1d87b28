using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Assignments;

/// <summary>Keystone's list_role_assignments: the stored assignments matching the filters, or in effective mode the
/// assignments that actually reach users (group grants expanded to members, inherited grants onto the projects
/// below them, implied roles added, domain-specific roles dropped). Order and derivation follow Keystone's so that
/// lists and their "indirect" links come out the same.</summary>
public sealed class RoleAssignmentLister(IdentityDb db, ProjectTreeWalker projects, RoleAssignmentNamer namer)
{
    // MySQL orders Keystone's assignment type enum by declaration; lists come out in primary-key order.
    private static readonly string[] TypeOrder =
        [AssignmentType.UserProject, AssignmentType.GroupProject, AssignmentType.UserDomain, AssignmentType.GroupDomain];

    public async Task<List<AssignmentRef>> ListAsync(RoleAssignmentQuery q, CancellationToken ct)
    {
        List<string>? subtree = null;
        if (q.ProjectId is not null && q.IncludeSubtree)
            subtree = await projects.SubtreeAsync(q.ProjectId, ct);
        var refs = q.Effective
            ? await EffectiveAsync(q, subtree, ct)
            : await DirectAsync(q, subtree, ct);
        return q.IncludeNames ? await namer.NameAsync(refs, ct) : refs;
    }

    private async Task<List<AssignmentRef>> DirectAsync(RoleAssignmentQuery q, List<string>? subtree, CancellationToken ct)
    {
        var result = new List<AssignmentRef>();
        if (!q.System)
        {
            result.AddRange(await QueryAsync(q.RoleId, q.UserId, q.GroupId is null ? null : [q.GroupId], q.DomainId,
                ProjectsOfInterest(q.ProjectId, subtree), q.Inherited, ct));
        }
        // Keystone lists system assignments unless a project or domain is asked for (whatever the inherited filter).
        if (q.System || q.ProjectId is null && q.DomainId is null)
            result.AddRange(await SystemAsync(q, ct));
        return result;
    }

    private async Task<List<AssignmentRef>> SystemAsync(RoleAssignmentQuery q, CancellationToken ct)
    {
        List<AssignmentRef> found;
        if (q.UserId is not null || q.GroupId is not null)
        {
            // list_system_grants_for_user/group: the actor's roles that exist, by role id.
            var actor = q.UserId ?? q.GroupId!;
            var type = q.UserId is not null ? AssignmentType.UserSystem : AssignmentType.GroupSystem;
            var roleIds = await db.SystemAssignments.Where(a => a.ActorId == actor && a.TargetId == SystemAssignmentRow.SystemTarget && a.Type == type)
                .Select(a => a.RoleId).ToListAsync(ct);
            var existing = await db.Roles.Where(r => roleIds.Contains(r.Id)).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
            found = existing.Select(r => new AssignmentRef
            {
                UserId = q.UserId, GroupId = q.UserId is null ? q.GroupId : null, System = true, RoleId = r,
            }).ToList();
        }
        else
        {
            var rows = await db.SystemAssignments.Where(a => a.TargetId == SystemAssignmentRow.SystemTarget).ToListAsync(ct);
            found = rows
                .OrderBy(a => a.Type, StringComparer.Ordinal).ThenBy(a => a.ActorId, StringComparer.Ordinal)
                .ThenBy(a => a.RoleId, StringComparer.Ordinal)
                .Select(a => new AssignmentRef
                {
                    UserId = a.Type == AssignmentType.UserSystem ? a.ActorId : null,
                    GroupId = a.Type == AssignmentType.GroupSystem ? a.ActorId : null,
                    System = true,
                    RoleId = a.RoleId,
                }).ToList();
        }
        return q.RoleId is null ? found : found.Where(a => a.RoleId == q.RoleId).ToList();
    }

    private async Task<List<AssignmentRef>> EffectiveAsync(RoleAssignmentQuery q, List<string>? subtree, CancellationToken ct)
    {
        // Group assignments become user assignments and domains cannot inherit: these filters can match nothing.
        if (q.GroupId is not null || q.DomainId is not null && q.Inherited == true) return [];
        var inherited = q.DomainId is not null ? false : q.Inherited;

        // Roles are filtered at the end: an assignment of another role may imply the one asked for.
        var refs = await ForActorAsync(q.UserId, null, q.ProjectId, subtree, q.DomainId, inherited, ct);
        if (q.UserId is not null)
        {
            // Keystone looks the user up to find their groups: an unknown user is a 404 here.
            if (!await db.Users.AnyAsync(u => u.Id == q.UserId, ct))
                throw ApiException.NotFound($"Could not find user: {q.UserId}.");
            var groups = await db.GroupMemberships.Where(m => m.UserId == q.UserId).OrderBy(m => m.GroupId).Select(m => m.GroupId).ToListAsync(ct);
            if (groups.Count > 0)
                refs.AddRange(await ForActorAsync(null, groups, q.ProjectId, subtree, q.DomainId, inherited, ct));
        }

        var expanded = new List<AssignmentRef>();
        foreach (var r in refs)
            expanded.AddRange(await ExpandAsync(r, q.UserId, q.ProjectId, subtree, ct));
        expanded = await AddImpliedRolesAsync(expanded, ct);
        expanded = await StripDomainRolesAsync(expanded, ct);
        return q.RoleId is null ? expanded : expanded.Where(a => a.RoleId == q.RoleId).ToList();
    }

    /// <summary>The stored assignments (direct and inherited) that can affect the actor on the target.</summary>
    private async Task<List<AssignmentRef>> ForActorAsync(string? userId, List<string>? groupIds, string? projectId,
        List<string>? subtree, string? domainId, bool? inherited, CancellationToken ct)
    {
        var result = new List<AssignmentRef>();
        if (inherited is false or null)
            result.AddRange(await QueryAsync(null, userId, groupIds, domainId, ProjectsOfInterest(projectId, subtree), false, ct));
        if (inherited is true or null)
        {
            if (projectId is not null)
            {
                // Inheritance can only come from the project's domain or from projects above it (or, with a subtree,
                // from the subtree itself).
                var project = await projects.ProjectAsync(projectId, ct);
                result.AddRange(await QueryAsync(null, userId, groupIds, project.DomainId, null, true, ct));
                var sources = await projects.ParentsAsync(projectId, ct);
                if (subtree is { Count: > 0 }) sources.AddRange(ProjectsOfInterest(projectId, subtree)!);
                if (sources.Count > 0)
                    result.AddRange(await QueryAsync(null, userId, groupIds, null, sources, true, ct));
            }
            else
            {
                result.AddRange(await QueryAsync(null, userId, groupIds, null, null, true, ct));
            }
        }
        return result;
    }

    /// <summary>Keystone's _expand_indirect_assignment: inherited assignments onto projects, groups onto members.</summary>
    private async Task<List<AssignmentRef>> ExpandAsync(AssignmentRef r, string? userId, string? projectId, List<string>? subtree, CancellationToken ct)
    {
        if (!r.InheritedToProjects)
            return r.GroupId is not null ? await ExpandGroupAsync(r, userId, ct) : [r];

        List<string> targets;
        if (projectId is not null)
        {
            targets = [projectId];
            if (subtree is { Count: > 0 })
            {
                targets.AddRange(subtree);
                // Inherited from inside the subtree: only that part of the tree gets it.
                if (r.ProjectId is not null && targets.Contains(r.ProjectId))
                    targets = await projects.SubtreeAsync(r.ProjectId, ct);
            }
        }
        else if (r.DomainId is not null)
        {
            targets = await projects.InDomainAsync(r.DomainId, ct);
        }
        else
        {
            targets = await projects.SubtreeAsync(r.ProjectId!, ct);
        }

        var bases = r.GroupId is not null ? await ExpandGroupAsync(r, userId, ct) : [r];
        var result = new List<AssignmentRef>();
        foreach (var b in bases)
            foreach (var target in targets)
                result.Add(OnProject(b, target));
        return result;
    }

    private async Task<List<AssignmentRef>> ExpandGroupAsync(AssignmentRef r, string? userId, CancellationToken ct)
    {
        var members = userId is not null
            ? [userId]
            : await (from m in db.GroupMemberships
                     join u in db.Users on m.UserId equals u.Id
                     where m.GroupId == r.GroupId
                     orderby u.Id
                     select u.Id).ToListAsync(ct);
        return members.Select(u => r with
        {
            UserId = u,
            GroupId = null,
            Indirect = (r.Indirect ?? new AssignmentSource()) with { GroupId = r.GroupId },
        }).ToList();
    }

    /// <summary>An inherited assignment applied to one project: the original target moves into "indirect".</summary>
    private static AssignmentRef OnProject(AssignmentRef r, string projectId)
    {
        var indirect = r.Indirect ?? new AssignmentSource();
        indirect = r.ProjectId is not null ? indirect with { ProjectId = r.ProjectId } : indirect with { DomainId = r.DomainId };
        return r with { ProjectId = projectId, DomainId = null, InheritedToProjects = false, Indirect = indirect };
    }

    /// <summary>Keystone's add_implied_roles: each assignment is copied for every role its role implies (recording
    /// the prior role), depth first from the end of the list; a copy already examined is not followed again.</summary>
    private async Task<List<AssignmentRef>> AddImpliedRolesAsync(List<AssignmentRef> refs, CancellationToken ct)
    {
        var implications = new Dictionary<string, List<string>>();
        var toCheck = new List<AssignmentRef>(refs);
        var results = new List<AssignmentRef>(refs);
        var examined = new HashSet<AssignmentRef>();
        while (toCheck.Count > 0)
        {
            var next = toCheck[^1];
            toCheck.RemoveAt(toCheck.Count - 1);
            examined.Add(next);
            if (!implications.TryGetValue(next.RoleId, out var implied))
            {
                var prior = next.RoleId;
                implied = await db.ImpliedRoles.Where(i => i.PriorRoleId == prior).OrderBy(i => i.ImpliedRoleId)
                    .Select(i => i.ImpliedRoleId).ToListAsync(ct);
                implications[prior] = implied;
            }
            foreach (var impliedId in implied)
            {
                var copy = next with
                {
                    RoleId = impliedId,
                    Indirect = (next.Indirect ?? new AssignmentSource()) with { RoleId = next.RoleId },
                };
                if (examined.Contains(copy)) continue;
                results.Add(copy);
                toCheck.Add(copy);
            }
        }
        return results;
    }

    /// <summary>Domain-specific roles only serve to imply others; they never reach a token.</summary>
    private async Task<List<AssignmentRef>> StripDomainRolesAsync(List<AssignmentRef> refs, CancellationToken ct)
    {
        var ids = refs.Select(r => r.RoleId).Distinct().ToList();
        var global = (await db.Roles.Where(r => ids.Contains(r.Id) && r.DomainId == RoleRow.GlobalDomain).Select(r => r.Id).ToListAsync(ct)).ToHashSet();
        return refs.Where(r => global.Contains(r.RoleId)).ToList();
    }

    private static List<string>? ProjectsOfInterest(string? projectId, List<string>? subtree) =>
        projectId is null ? null : subtree is { Count: > 0 } ? [.. subtree, projectId] : [projectId];

    /// <summary>Keystone's SQL driver query: the assignment types implied by the actor and target asked for, then
    /// role, actors, targets and inheritance; rows in primary-key order.</summary>
    private async Task<List<AssignmentRef>> QueryAsync(string? roleId, string? userId, List<string>? groupIds, string? domainId,
        List<string>? projectIds, bool? inherited, CancellationToken ct)
    {
        string[]? actorTypes = userId is not null ? [AssignmentType.UserProject, AssignmentType.UserDomain]
            : groupIds is { Count: > 0 } ? [AssignmentType.GroupProject, AssignmentType.GroupDomain] : null;
        string[]? targetTypes = projectIds is { Count: > 0 } ? [AssignmentType.UserProject, AssignmentType.GroupProject]
            : domainId is not null ? [AssignmentType.UserDomain, AssignmentType.GroupDomain] : null;
        var types = actorTypes is not null && targetTypes is not null ? actorTypes.Intersect(targetTypes).ToArray() : actorTypes ?? targetTypes;
        List<string>? actors = groupIds is { Count: > 0 } ? groupIds : userId is not null ? [userId] : null;
        List<string>? targets = projectIds is { Count: > 0 } ? projectIds : domainId is not null ? [domainId] : null;

        var query = db.Assignments.AsQueryable();
        if (roleId is not null) query = query.Where(a => a.RoleId == roleId);
        if (actors is not null) query = query.Where(a => actors.Contains(a.ActorId));
        if (targets is not null) query = query.Where(a => targets.Contains(a.TargetId));
        if (types is not null) query = query.Where(a => types.Contains(a.Type));
        if (inherited is { } inh) query = query.Where(a => a.Inherited == inh);
        var rows = await query.ToListAsync(ct);
        return rows
            .OrderBy(a => Array.IndexOf(TypeOrder, a.Type)).ThenBy(a => a.ActorId, StringComparer.Ordinal)
            .ThenBy(a => a.TargetId, StringComparer.Ordinal).ThenBy(a => a.RoleId, StringComparer.Ordinal).ThenBy(a => a.Inherited)
            .Select(Denormalize).ToList();
    }

    private static AssignmentRef Denormalize(AssignmentRow a)
    {
        var user = a.Type is AssignmentType.UserProject or AssignmentType.UserDomain;
        var project = a.Type is AssignmentType.UserProject or AssignmentType.GroupProject;
        return new AssignmentRef
        {
            UserId = user ? a.ActorId : null,
            GroupId = user ? null : a.ActorId,
            ProjectId = project ? a.TargetId : null,
            DomainId = project ? null : a.TargetId,
            RoleId = a.RoleId,
            InheritedToProjects = a.Inherited,
        };
    }
}
