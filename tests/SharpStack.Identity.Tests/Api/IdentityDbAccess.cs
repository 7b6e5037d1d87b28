using Microsoft.Extensions.DependencyInjection;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Tests.Api;

/// <summary>Direct database access for API tests: set up what another area's API would (role assignments,
/// projects) or move time-dependent state (last activity) without waiting days.</summary>
internal static class IdentityDbAccess
{
    public static async Task WithDbAsync(this IdentityServer server, Func<IdentityDb, Task> action)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        await action(db);
        await db.SaveChangesAsync();
        // Caches are keyed by the revision: a direct write must bump it as the managers do.
        await scope.ServiceProvider.GetRequiredService<IdentityRevision>().BumpAsync(db);
    }

    public static async Task<T> QueryDbAsync<T>(this IdentityServer server, Func<IdentityDb, Task<T>> query)
    {
        using var scope = server.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<IdentityDb>());
    }
}
