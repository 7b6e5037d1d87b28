using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Providers;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Traits;

/// <summary>The traits of one provider. Replacing them checks the generation the caller saw; the generation moves
/// only when the set actually changes.</summary>
public sealed class ProviderTraitManager(PlacementDb db, TraitManager traits, TimeProvider clock)
{
    public const string GenerationConflict = "Resource provider's generation already changed. Please update the generation and try again.";
    private const string ConcurrentUpdate = "Another thread concurrently updated the resource provider data. Please retry your update";

    /// <summary>The provider's traits, in trait creation order.</summary>
    public Task<List<TraitRow>> ListAsync(ResourceProviderRow provider, CancellationToken ct) =>
        db.Traits.AsNoTracking()
            .Where(t => db.ProviderTraits.Any(pt => pt.ProviderId == provider.Id && pt.TraitId == t.Id))
            .OrderBy(t => t.Id)
            .ToListAsync(ct);

    /// <summary>PUT …/traits: the provider (tracked) gets exactly <paramref name="names"/> (duplicates allowed).
    /// 409 when the generation moved, 400 "No such trait A, B" for unknown names. Returns the new set.</summary>
    public async Task<List<TraitRow>> ReplaceAsync(ResourceProviderRow provider, int generation, IReadOnlyList<string> names, CancellationToken ct)
    {
        ProviderStore.Expect(provider, generation, GenerationConflict);
        var wanted = await traits.ByNamesAsync(names, ct);
        var known = wanted.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var missing = names.Where(n => !known.Contains(n)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0) throw ApiException.BadRequest($"No such trait {string.Join(", ", missing)}");

        var links = await db.ProviderTraits.AsTracking().Where(pt => pt.ProviderId == provider.Id).ToListAsync(ct);
        var wantedIds = wanted.Select(t => t.Id).ToHashSet();
        var haveIds = links.Select(l => l.TraitId).ToHashSet();
        if (wantedIds.SetEquals(haveIds)) return wanted;
        db.ProviderTraits.RemoveRange(links.Where(l => !wantedIds.Contains(l.TraitId)));
        foreach (var id in wantedIds.Where(id => !haveIds.Contains(id)))
            db.ProviderTraits.Add(new ProviderTraitRow { ProviderId = provider.Id, TraitId = id });
        ProviderStore.Bump(provider, clock.GetUtcNow().UtcDateTime);
        await SaveAsync(GenerationConflict, ct);
        return wanted;
    }

    /// <summary>DELETE …/traits: removes every trait of the provider (tracked); no generation check, and the generation
    /// moves only if there was something to remove.</summary>
    public async Task ClearAsync(ResourceProviderRow provider, CancellationToken ct)
    {
        var links = await db.ProviderTraits.AsTracking().Where(pt => pt.ProviderId == provider.Id).ToListAsync(ct);
        if (links.Count == 0) return;
        db.ProviderTraits.RemoveRange(links);
        ProviderStore.Bump(provider, clock.GetUtcNow().UtcDateTime);
        await SaveAsync(ConcurrentUpdate, ct);
    }

    /// <summary>Saves links and generation together; a moved generation (concurrency token) or a link written by a
    /// concurrent request (duplicate key) is the caller's 409.</summary>
    private async Task SaveAsync(string conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw PlacementErrors.Concurrent(conflict);
        }
    }
}
