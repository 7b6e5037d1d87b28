using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Assignments;

/// <summary>The rules of role inference ("having the prior role implies the implied role"): roles named in
/// [assignment] prohibited_implied_role cannot be implied, and a global role cannot imply a domain-specific one.
/// Cycles are accepted, as Keystone accepts them; expansion stops where it has already been.</summary>
public sealed class ImpliedRoleManager(IdentityDb db, IdentityRevision revision, RoleManager roles, SharpStackConfig config)
{
    public async Task<ImpliedRoleRow> CreateAsync(string priorId, string impliedId, CancellationToken ct)
    {
        var implied = await roles.GetAsync(impliedId, ct);
        var prior = await roles.GetAsync(priorId, ct);
        // Keystone words both refusals the same way: its detailed message is only shown in insecure_debug mode.
        if (config.Get(IdentityOptions.ProhibitedImpliedRole).Contains(implied.Name)
            || prior.DomainId == RoleRow.GlobalDomain && implied.DomainId != RoleRow.GlobalDomain)
            throw ApiException.Forbidden($"{impliedId} cannot be an implied roles.");
        if (await db.ImpliedRoles.AnyAsync(i => i.PriorRoleId == priorId && i.ImpliedRoleId == impliedId, ct))
            throw IdentityWrites.Conflict("implied_role", "Duplicate entry");
        var row = new ImpliedRoleRow { PriorRoleId = priorId, ImpliedRoleId = impliedId };
        db.ImpliedRoles.Add(row);
        await db.CommitAsync(revision, "implied_role", ct);
        return row;
    }

    public async Task GetAsync(string priorId, string impliedId, CancellationToken ct)
    {
        if (!await db.ImpliedRoles.AnyAsync(i => i.PriorRoleId == priorId && i.ImpliedRoleId == impliedId, ct))
            throw NotFound(priorId, impliedId);
    }

    public async Task DeleteAsync(string priorId, string impliedId, CancellationToken ct)
    {
        var deleted = await db.ImpliedRoles.Where(i => i.PriorRoleId == priorId && i.ImpliedRoleId == impliedId).ExecuteDeleteAsync(ct);
        if (deleted == 0) throw NotFound(priorId, impliedId);
        await revision.BumpAsync(db, ct);
    }

    /// <summary>The roles <paramref name="priorId"/> directly implies, by id.</summary>
    public Task<List<string>> ImpliedByAsync(string priorId, CancellationToken ct) =>
        db.ImpliedRoles.Where(i => i.PriorRoleId == priorId).OrderBy(i => i.ImpliedRoleId).Select(i => i.ImpliedRoleId).ToListAsync(ct);

    /// <summary>Every rule, ordered by prior then implied role id (Keystone's storage order).</summary>
    public Task<List<ImpliedRoleRow>> ListAllAsync(CancellationToken ct) =>
        db.ImpliedRoles.OrderBy(i => i.PriorRoleId).ThenBy(i => i.ImpliedRoleId).ToListAsync(ct);

    private static ApiException NotFound(string priorId, string impliedId) =>
        ApiException.NotFound($"{priorId} does not imply {impliedId}.");
}
