using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Providers;

/// <summary>Finding providers and moving their generation: the one place a provider's generation grows, so that a
/// writer who read an older one loses (409) instead of overwriting what it did not see.</summary>
public sealed class ProviderStore(PlacementDb db)
{
    /// <summary>The provider with this uuid (exactly as stored: lower-case with dashes), or null.</summary>
    public Task<ResourceProviderRow?> FindAsync(string uuid, CancellationToken ct, bool tracked = true) =>
        (tracked ? db.Providers.AsTracking() : db.Providers.AsNoTracking()).FirstOrDefaultAsync(p => p.Uuid == uuid, ct);

    /// <summary>The provider, or 404 with <paramref name="message"/> (default: upstream's "No resource provider with uuid … found").</summary>
    public async Task<ResourceProviderRow> GetAsync(string uuid, CancellationToken ct, string? message = null, bool tracked = true) =>
        await FindAsync(uuid, ct, tracked) ?? throw ApiException.NotFound(message ?? NotFoundMessage(uuid));

    public static string NotFoundMessage(string uuid) => $"No resource provider with uuid {uuid} found";

    /// <summary>Checks the generation a writer sent (409 with <paramref name="conflict"/> when it moved).</summary>
    public static void Expect(ResourceProviderRow provider, int expected, string conflict)
    {
        if (provider.Generation != expected) throw PlacementErrors.Concurrent(conflict);
    }

    /// <summary>Marks the (tracked) provider's generation to grow by one when the unit of work is saved; saving fails
    /// with <see cref="DbUpdateConcurrencyException"/> if someone else moved it meanwhile.</summary>
    public static void Bump(ResourceProviderRow provider, DateTime now)
    {
        provider.Generation++;
        provider.UpdatedAt = now;
    }

    /// <summary>Saves, turning a lost race on a generation into upstream's 409.</summary>
    public async Task SaveAsync(string conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw PlacementErrors.Concurrent(conflict);
        }
    }
}
