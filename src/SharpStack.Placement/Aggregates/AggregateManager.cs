using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Providers;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Aggregates;

/// <summary>A provider's aggregates. Aggregates are bare uuids, created the first time a provider joins them and kept
/// afterwards (as upstream); from 1.19 replacing the set checks and moves the provider's generation.</summary>
public sealed class AggregateManager(PlacementDb db, TimeProvider clock)
{
    public const string GenerationConflict = "Resource provider's generation already changed. Please update the generation and try again.";
    private const string ConcurrentUpdate = "Update conflict: Another thread concurrently updated the resource provider data. Please retry your update";

    /// <summary>The uuids column is 36 characters wide; a uuid-like value in another spelling (braces, urn:uuid:…)
    /// can be longer and cannot be stored.</summary>
    private const int UuidColumnWidth = 36;

    /// <summary>The uuids of the provider's aggregates, in the order they were first seen.</summary>
    public Task<List<string>> ListAsync(ResourceProviderRow provider, CancellationToken ct) =>
        db.Aggregates.AsNoTracking()
            .Where(a => db.ProviderAggregates.Any(pa => pa.ProviderId == provider.Id && pa.AggregateId == a.Id))
            .OrderBy(a => a.Id)
            .Select(a => a.Uuid)
            .ToListAsync(ct);

    /// <summary>PUT …/aggregates: the provider (tracked) is in exactly these aggregates (uuids stored as given). With
    /// <paramref name="generation"/> (1.19+) the generation must match (409) and moves by one even if nothing changed;
    /// without it (1.1–1.18) the generation is left alone.</summary>
    public async Task ReplaceAsync(ResourceProviderRow provider, int? generation, IReadOnlyList<string> uuids, CancellationToken ct)
    {
        if (generation is { } expected) ProviderStore.Expect(provider, expected, GenerationConflict);
        if (uuids.FirstOrDefault(u => u.Length > UuidColumnWidth) is { } tooLong)
            throw ApiException.BadRequest($"Aggregate uuid {tooLong} is longer than {UuidColumnWidth} characters; send it in the usual 8-4-4-4-12 form.");
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var wanted = await EnsureAggregatesAsync(uuids, ct);
            var links = await db.ProviderAggregates.AsTracking().Where(pa => pa.ProviderId == provider.Id).ToListAsync(ct);
            var have = links.Select(l => l.AggregateId).ToHashSet();
            db.ProviderAggregates.RemoveRange(links.Where(l => !wanted.Contains(l.AggregateId)));
            foreach (var id in wanted.Where(id => !have.Contains(id)))
                db.ProviderAggregates.Add(new ProviderAggregateRow { ProviderId = provider.Id, AggregateId = id });
            if (generation is not null) ProviderStore.Bump(provider, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The generation moved (concurrency token) or a concurrent request wrote the same link or aggregate.
            db.ChangeTracker.Clear();
            throw PlacementErrors.Concurrent(generation is null ? ConcurrentUpdate : GenerationConflict);
        }
    }

    /// <summary>The ids of the aggregates with these uuids, creating the missing ones.</summary>
    private async Task<HashSet<int>> EnsureAggregatesAsync(IReadOnlyList<string> uuids, CancellationToken ct)
    {
        var distinct = uuids.Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Aggregates.AsNoTracking().Where(a => distinct.Contains(a.Uuid)).ToDictionaryAsync(a => a.Uuid, a => a.Id, StringComparer.Ordinal, ct);
        var created = distinct.Where(u => !known.ContainsKey(u)).Select(u => new AggregateRow { Uuid = u }).ToList();
        if (created.Count > 0)
        {
            db.Aggregates.AddRange(created);
            await db.SaveChangesAsync(ct);
            foreach (var row in created) known[row.Uuid] = row.Id;
        }
        return [.. known.Values];
    }
}
