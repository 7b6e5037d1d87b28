using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Traits;

/// <summary>The trait catalogue: standard traits (synced at start) and CUSTOM_* ones created by PUT /traits/{name};
/// only custom traits not given to any provider can be deleted.</summary>
public sealed class TraitManager(PlacementDb db, TimeProvider clock)
{
    /// <summary>The traits matching <paramref name="filter"/>, in creation order (upstream promises no order).</summary>
    public async Task<List<TraitRow>> ListAsync(TraitFilter filter, CancellationToken ct)
    {
        var query = db.Traits.AsNoTracking();
        if (filter.NameIn is { } names)
        {
            var wanted = names.Distinct(StringComparer.Ordinal).ToList();
            query = query.Where(t => wanted.Contains(t.Name));
        }
        if (filter.Associated is true) query = query.Where(t => db.ProviderTraits.Any(pt => pt.TraitId == t.Id));
        if (filter.Associated is false) query = query.Where(t => !db.ProviderTraits.Any(pt => pt.TraitId == t.Id));
        var rows = await query.OrderBy(t => t.Id).ToListAsync(ct);
        if (filter.Prefix is { } prefix) rows = rows.Where(t => LikePattern.MatchesPrefix(t.Name, prefix)).ToList();
        return rows;
    }

    /// <summary>The traits with exactly these names (unknown names are left out).</summary>
    public Task<List<TraitRow>> ByNamesAsync(IEnumerable<string> names, CancellationToken ct)
    {
        var wanted = names.Distinct(StringComparer.Ordinal).ToList();
        return db.Traits.AsNoTracking().Where(t => wanted.Contains(t.Name)).OrderBy(t => t.Id).ToListAsync(ct);
    }

    public Task<TraitRow?> FindAsync(string name, CancellationToken ct) =>
        db.Traits.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, ct);

    /// <summary>The trait, or 404 "No such trait(s): {name}.".</summary>
    public async Task<TraitRow> GetAsync(string name, CancellationToken ct) =>
        await FindAsync(name, ct) ?? throw ApiException.NotFound(NotFoundMessage(name));

    public static string NotFoundMessage(string name) => $"No such trait(s): {name}.";

    /// <summary>PUT /traits/{name}: creates the (already validated CUSTOM_*) trait unless it exists; a concurrent
    /// creator winning counts as "already there".</summary>
    public async Task<(TraitRow Trait, bool Created)> EnsureAsync(string name, CancellationToken ct)
    {
        if (await FindAsync(name, ct) is { } existing) return (existing, false);
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new TraitRow { Name = name, CreatedAt = now, UpdatedAt = now };
        db.Traits.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return (row, true);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (await GetAsync(name, ct), false);
        }
    }

    /// <summary>DELETE /traits/{name}: 404 unknown, 400 not CUSTOM_*, 409 while a provider has it.</summary>
    public async Task DeleteAsync(string name, CancellationToken ct)
    {
        var row = await GetAsync(name, ct);
        if (!row.IsCustom) throw ApiException.BadRequest($"Cannot delete standard trait {name}.");
        var inUse = $"The trait {name} is in use by a resource provider.";
        if (await db.ProviderTraits.AnyAsync(pt => pt.TraitId == row.Id, ct)) throw PlacementErrors.Conflict(inUse);
        // The in-use condition is repeated in the delete itself so a provider given the trait meanwhile keeps it.
        var deleted = await db.Traits.Where(t => t.Id == row.Id && !db.ProviderTraits.Any(pt => pt.TraitId == t.Id)).ExecuteDeleteAsync(ct);
        if (deleted > 0) return;
        if (await db.Traits.AnyAsync(t => t.Id == row.Id, ct)) throw PlacementErrors.Conflict(inUse);
        throw ApiException.NotFound(NotFoundMessage(name));
    }
}
