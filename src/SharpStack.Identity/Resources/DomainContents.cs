using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Resources;

/// <summary>Deletes the users, groups and identity providers of a deleted domain, with what Keystone deletes along
/// with each (memberships, role assignments including system ones, credentials, application credentials, access
/// rules, trusts). Run inside the deleting transaction; returns the users whose tokens must then be revoked.</summary>
public sealed class DomainContents(IdentityDb db, TimeProvider time)
{
    public async Task<List<string>> DeleteAsync(string domainId, CancellationToken ct)
    {
        var revoke = await DeleteGroupsAsync(domainId, ct);
        var users = await db.Users.Where(u => u.DomainId == domainId).Select(u => u.Id).ToListAsync(ct);
        await DeleteUsersAsync(users, ct);
        await DeleteIdentityProvidersAsync(domainId, ct);
        revoke.UnionWith(users);
        return revoke.ToList();
    }

    /// <summary>Deletes the domain's groups; members of a group that held roles lose their tokens, as upstream.</summary>
    private async Task<HashSet<string>> DeleteGroupsAsync(string domainId, CancellationToken ct)
    {
        var groups = await db.Groups.Where(g => g.DomainId == domainId).Select(g => g.Id).ToListAsync(ct);
        if (groups.Count == 0) return [];
        var withRoles = await db.Assignments.Where(a => groups.Contains(a.ActorId)).Select(a => a.ActorId)
            .Union(db.SystemAssignments.Where(a => groups.Contains(a.ActorId)).Select(a => a.ActorId))
            .ToListAsync(ct);
        var members = await db.GroupMemberships.Where(m => withRoles.Contains(m.GroupId)).Select(m => m.UserId).ToListAsync(ct);
        await db.GroupMemberships.Where(m => groups.Contains(m.GroupId)).ExecuteDeleteAsync(ct);
        await db.Assignments.Where(a => groups.Contains(a.ActorId)
                && (a.Type == AssignmentType.GroupProject || a.Type == AssignmentType.GroupDomain))
            .ExecuteDeleteAsync(ct);
        await db.SystemAssignments.Where(a => groups.Contains(a.ActorId)).ExecuteDeleteAsync(ct);
        await db.Groups.Where(g => groups.Contains(g.Id)).ExecuteDeleteAsync(ct);
        return members.ToHashSet();
    }

    private async Task DeleteUsersAsync(List<string> users, CancellationToken ct)
    {
        if (users.Count == 0) return;
        await db.GroupMemberships.Where(m => users.Contains(m.UserId)).ExecuteDeleteAsync(ct);
        await db.Passwords.Where(p => users.Contains(p.UserId)).ExecuteDeleteAsync(ct);
        await db.Assignments.Where(a => users.Contains(a.ActorId)
                && (a.Type == AssignmentType.UserProject || a.Type == AssignmentType.UserDomain))
            .ExecuteDeleteAsync(ct);
        await db.SystemAssignments.Where(a => users.Contains(a.ActorId)).ExecuteDeleteAsync(ct);
        await db.Credentials.Where(c => users.Contains(c.UserId)).ExecuteDeleteAsync(ct);

        var appCreds = await db.ApplicationCredentials.Where(a => users.Contains(a.UserId)).Select(a => a.InternalId).ToListAsync(ct);
        await db.ApplicationCredentialRoles.Where(r => appCreds.Contains(r.ApplicationCredentialId)).ExecuteDeleteAsync(ct);
        await db.ApplicationCredentialAccessRules.Where(r => appCreds.Contains(r.ApplicationCredentialId)).ExecuteDeleteAsync(ct);
        await db.ApplicationCredentials.Where(a => appCreds.Contains(a.InternalId)).ExecuteDeleteAsync(ct);
        await db.AccessRules.Where(r => r.UserId != null && users.Contains(r.UserId)).ExecuteDeleteAsync(ct);

        var now = time.GetUtcNow().UtcDateTime;
        await db.Trusts.Where(t => t.DeletedAt == null && (users.Contains(t.TrustorUserId) || users.Contains(t.TrusteeUserId)))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DeletedAt, now), ct);
        await db.Users.Where(u => users.Contains(u.Id)).ExecuteDeleteAsync(ct);
    }

    private async Task DeleteIdentityProvidersAsync(string domainId, CancellationToken ct)
    {
        var idps = await db.IdentityProviders.Where(i => i.DomainId == domainId).Select(i => i.Id).ToListAsync(ct);
        if (idps.Count == 0) return;
        await db.FederationProtocols.Where(p => idps.Contains(p.IdpId)).ExecuteDeleteAsync(ct);
        await db.IdentityProviderRemoteIds.Where(r => idps.Contains(r.IdpId)).ExecuteDeleteAsync(ct);
        await db.IdentityProviders.Where(i => idps.Contains(i.Id)).ExecuteDeleteAsync(ct);
    }
}
