using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Assignments;

/// <summary>The rules of grants on projects, domains and the system: the role and target must exist, a
/// domain-specific role can only be given on projects of its domain and never on the system, granting twice is
/// silent, revoking what was never granted is a 404. The actor's existence is the caller's concern (Keystone checks
/// it while building the policy target, and not at all on the OS-INHERIT routes).</summary>
public sealed class GrantManager(IdentityDb db, IdentityRevision revision, RoleManager roles)
{
    public async Task CreateAsync(Grant grant, CancellationToken ct)
    {
        var role = await roles.GetAsync(grant.RoleId, ct);
        if (grant.TargetIsDomain)
        {
            await RequireDomainAsync(grant.TargetId, ct);
        }
        else
        {
            var project = await RequireProjectAsync(grant.TargetId, ct);
            if (role.DomainId != RoleRow.GlobalDomain && project.DomainId != role.DomainId)
                throw ApiException.Forbidden($"Project {project.Id} must be in the same domain as the role {role.Id} being assigned.");
        }
        if (await Matching(grant).AnyAsync(ct)) return;
        // The actor is not checked on the OS-INHERIT routes; Keystone's column limit still applies.
        if (grant.ActorId.Length > 64) throw RoleManager.StringLengthExceeded(grant.ActorId, "actor_id", 64);
        db.Assignments.Add(new AssignmentRow
        {
            Type = grant.Type, ActorId = grant.ActorId, TargetId = grant.TargetId, RoleId = grant.RoleId, Inherited = grant.Inherited,
        });
        await SaveSilentlyAsync(ct);
    }

    /// <summary>404 unless the grant exists (after checking role and target, as Keystone's get_grant does).</summary>
    public async Task<RoleRow> CheckAsync(Grant grant, CancellationToken ct)
    {
        var role = await roles.GetAsync(grant.RoleId, ct);
        await RequireTargetAsync(grant, ct);
        if (!await Matching(grant).AnyAsync(ct)) throw AssignmentNotFound(grant.RoleId, grant.ActorId, grant.TargetId);
        return role;
    }

    /// <summary>The roles the actor holds on the target (inherited ones only when <paramref name="inherited"/>), by id.</summary>
    public async Task<List<RoleRow>> ListAsync(string actorId, string targetId, bool targetIsDomain, bool inherited, CancellationToken ct)
    {
        if (targetIsDomain) await RequireDomainAsync(targetId, ct);
        else await RequireProjectAsync(targetId, ct);
        var ids = await db.Assignments.Where(a => a.ActorId == actorId && a.TargetId == targetId && a.Inherited == inherited)
            .Select(a => a.RoleId).ToListAsync(ct);
        return await roles.ListByIdsAsync(ids, ct);
    }

    public async Task DeleteAsync(Grant grant, CancellationToken ct)
    {
        await roles.GetAsync(grant.RoleId, ct);
        if (!await Matching(grant).AnyAsync(ct)) throw AssignmentNotFound(grant.RoleId, grant.ActorId, grant.TargetId);
        await RequireTargetAsync(grant, ct);
        if (await Matching(grant).ExecuteDeleteAsync(ct) == 0)
            throw AssignmentNotFound(grant.RoleId, grant.ActorId, grant.TargetId);
        // No revocation event, as in Keystone: validation recomputes a token's roles from the assignments, so the
        // role leaves the actor's tokens (every member's, for a group) and a token left with no role stops validating.
        await revision.BumpAsync(db, ct);
    }

    public async Task CreateSystemAsync(string actorId, bool actorIsGroup, string roleId, CancellationToken ct)
    {
        var role = await roles.GetAsync(roleId, ct);
        if (role.DomainId != RoleRow.GlobalDomain)
            throw ApiException.BadRequest($"Role {roleId} is a domain-specific role. Unable to use a domain-specific role in a system assignment.");
        if (await MatchingSystem(actorId, roleId).AnyAsync(ct)) return;
        db.SystemAssignments.Add(new SystemAssignmentRow
        {
            Type = actorIsGroup ? AssignmentType.GroupSystem : AssignmentType.UserSystem, ActorId = actorId, RoleId = roleId,
        });
        await SaveSilentlyAsync(ct);
    }

    public async Task CheckSystemAsync(string actorId, string roleId, CancellationToken ct)
    {
        if (!await MatchingSystem(actorId, roleId).AnyAsync(ct))
            throw AssignmentNotFound(roleId, actorId, SystemAssignmentRow.SystemTarget);
    }

    public async Task<List<RoleRow>> ListSystemAsync(string actorId, bool actorIsGroup, CancellationToken ct)
    {
        var type = actorIsGroup ? AssignmentType.GroupSystem : AssignmentType.UserSystem;
        var ids = await db.SystemAssignments
            .Where(a => a.ActorId == actorId && a.TargetId == SystemAssignmentRow.SystemTarget && a.Type == type)
            .Select(a => a.RoleId).ToListAsync(ct);
        return await roles.ListByIdsAsync(ids, ct);
    }

    public async Task DeleteSystemAsync(string actorId, string roleId, CancellationToken ct)
    {
        if (await MatchingSystem(actorId, roleId).ExecuteDeleteAsync(ct) == 0)
            throw AssignmentNotFound(roleId, actorId, SystemAssignmentRow.SystemTarget);
        await revision.BumpAsync(db, ct);
    }

    /// <summary>Keystone's get_project: any row of the project table, domains included.</summary>
    public async Task<ProjectRow> RequireProjectAsync(string id, CancellationToken ct) =>
        await db.Projects.FirstOrDefaultAsync(p => p.Id == id, ct)
        ?? throw ApiException.NotFound($"Could not find project: {id}.");

    public async Task<ProjectRow> RequireDomainAsync(string id, CancellationToken ct) =>
        await db.Projects.FirstOrDefaultAsync(p => p.Id == id && p.IsDomain, ct)
        ?? throw ApiException.NotFound($"Could not find domain: {id}.");

    public static ApiException AssignmentNotFound(string roleId, string actorId, string targetId) =>
        ApiException.NotFound($"Could not find role assignment with role: {roleId}, user or group: {actorId}, project, domain, or system: {targetId}.");

    private Task RequireTargetAsync(Grant grant, CancellationToken ct) =>
        grant.TargetIsDomain ? RequireDomainAsync(grant.TargetId, ct) : RequireProjectAsync(grant.TargetId, ct);

    /// <summary>Keystone matches a grant by actor id and target kind (user and group types alike), role and inheritance.</summary>
    private IQueryable<AssignmentRow> Matching(Grant g)
    {
        var types = g.TargetIsDomain
            ? new[] { AssignmentType.UserDomain, AssignmentType.GroupDomain }
            : new[] { AssignmentType.UserProject, AssignmentType.GroupProject };
        return db.Assignments.Where(a => a.ActorId == g.ActorId && a.TargetId == g.TargetId && types.Contains(a.Type)
            && a.RoleId == g.RoleId && a.Inherited == g.Inherited);
    }

    private IQueryable<SystemAssignmentRow> MatchingSystem(string actorId, string roleId) =>
        db.SystemAssignments.Where(a => a.ActorId == actorId && a.TargetId == SystemAssignmentRow.SystemTarget
            && a.RoleId == roleId && !a.Inherited);

    /// <summary>Saves a new grant; a concurrent identical grant is not an error (Keystone's grant APIs are silent).</summary>
    private async Task SaveSilentlyAsync(CancellationToken ct)
    {
        try
        {
            await db.CommitAsync(revision, "role grant", ct);
        }
        catch (ApiException e) when (e.Status == 409)
        {
            await revision.BumpAsync(db, ct);
        }
    }
}
