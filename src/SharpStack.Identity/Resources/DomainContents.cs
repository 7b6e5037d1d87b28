using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Federation;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Resources;

/// <summary>What Keystone's "domain deleted" callbacks remove: the domain's groups and users (each deleted as the
/// users API deletes them, with their memberships, assignments, credentials and tokens) and its identity providers.</summary>
public sealed class DomainContents(IdentityDb db, GroupManager groups, UserManager users, IdentityProviderManager identityProviders)
{
    public async Task DeleteAsync(string domainId, CancellationToken ct)
    {
        foreach (var id in await db.Groups.Where(g => g.DomainId == domainId).Select(g => g.Id).ToListAsync(ct))
            await IgnoreMissingAsync(groups.DeleteAsync(id, ct));
        foreach (var id in await db.Users.Where(u => u.DomainId == domainId).Select(u => u.Id).ToListAsync(ct))
            await IgnoreMissingAsync(users.DeleteAsync(id, ct));
        foreach (var id in await db.IdentityProviders.Where(i => i.DomainId == domainId).Select(i => i.Id).ToListAsync(ct))
            await IgnoreMissingAsync(identityProviders.DeleteAsync(id, ct));
    }

    /// <summary>Upstream logs and carries on when an entity vanished meanwhile (a concurrent delete).</summary>
    private static async Task IgnoreMissingAsync(Task delete)
    {
        try
        {
            await delete;
        }
        catch (ApiException e) when (e.Status == 404)
        {
        }
    }
}
