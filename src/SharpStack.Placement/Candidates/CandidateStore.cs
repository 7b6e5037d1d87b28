using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Storage;

namespace SharpStack.Placement.Candidates;

/// <summary>The SQL behind the candidate search (upstream research_context's queries): each returns only the
/// providers a step needs, filtered in the database (capacity, traits, aggregates), never whole tables.</summary>
public sealed class CandidateStore(PlacementDb db)
{
    /// <summary>Whether any provider has a parent (else trees play no part and simpler paths apply).</summary>
    public Task<bool> HasTreesAsync(CancellationToken ct) => db.Providers.AnyAsync(p => p.ParentUuid != null, ct);

    /// <summary>Ids of providers with the given trait (MISC_SHARES_VIA_AGGREGATE: the sharing providers).</summary>
    public async Task<HashSet<int>> ProvidersWithTraitNameAsync(string trait, CancellationToken ct) =>
        [.. await (from pt in db.ProviderTraits join t in db.Traits on pt.TraitId equals t.Id where t.Name == trait select pt.ProviderId).ToListAsync(ct)];

    /// <summary>(provider id, root id) of providers that can take <paramref name="amount"/> of the class: inventory
    /// with used + amount ≤ (total - reserved) × ratio, min_unit ≤ amount ≤ max_unit, amount a multiple of step_size;
    /// optionally only inside the tree rooted at <paramref name="treeRootId"/>.</summary>
    public async Task<List<(int Id, int RootId)>> ProvidersWithResourceAsync(int classId, long amount, int? treeRootId, CancellationToken ct)
    {
        var query =
            from i in db.Inventories
            where i.ResourceClassId == classId
            join p in db.Providers on i.ProviderId equals p.Id
            join r in db.Providers on p.RootUuid equals r.Uuid
            let used = db.Allocations.Where(a => a.ProviderId == i.ProviderId && a.ResourceClassId == classId).Sum(a => (long?)a.Used) ?? 0
            where used + amount <= (i.Total - i.Reserved) * i.AllocationRatio
                  && i.MinUnit <= amount && i.MaxUnit >= amount && amount % i.StepSize == 0
            select new { p.Id, RootId = r.Id };
        if (treeRootId is { } root) query = query.Where(x => x.RootId == root);
        var rows = await query.ToListAsync(ct);
        return rows.ConvertAll(x => (x.Id, x.RootId));
    }

    /// <summary>Provider id → trait ids, for the providers having any of <paramref name="traitIds"/> (only those traits).</summary>
    public async Task<Dictionary<int, HashSet<int>>> ProvidersWithAnyTraitAsync(IReadOnlyCollection<int> traitIds, CancellationToken ct)
    {
        var ids = traitIds.Distinct().ToList();
        var rows = await db.ProviderTraits.AsNoTracking().Where(pt => ids.Contains(pt.TraitId))
            .Select(pt => new { pt.ProviderId, pt.TraitId }).ToListAsync(ct);
        var result = new Dictionary<int, HashSet<int>>();
        foreach (var row in rows)
        {
            if (!result.TryGetValue(row.ProviderId, out var set)) result[row.ProviderId] = set = [];
            set.Add(row.TraitId);
        }
        return result;
    }

    /// <summary>Provider id → uuids of its aggregates among <paramref name="aggregateUuids"/>.</summary>
    public async Task<Dictionary<int, HashSet<string>>> ProviderAggregatesAsync(IReadOnlyCollection<string> aggregateUuids, CancellationToken ct)
    {
        var uuids = aggregateUuids.Distinct().ToList();
        var rows = await (from pa in db.ProviderAggregates
                          join a in db.Aggregates on pa.AggregateId equals a.Id
                          where uuids.Contains(a.Uuid)
                          select new { pa.ProviderId, a.Uuid }).ToListAsync(ct);
        var result = new Dictionary<int, HashSet<string>>();
        foreach (var row in rows)
        {
            if (!result.TryGetValue(row.ProviderId, out var set)) result[row.ProviderId] = set = new(StringComparer.Ordinal);
            set.Add(row.Uuid);
        }
        return result;
    }

    /// <summary>(id, root id) of the provider with this exact uuid, or null.</summary>
    public async Task<(int Id, int RootId)?> ProviderIdsAsync(string uuid, CancellationToken ct)
    {
        var row = await (from p in db.Providers
                         join r in db.Providers on p.RootUuid equals r.Uuid
                         where p.Uuid == uuid
                         select new { p.Id, RootId = r.Id }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.Id, row.RootId);
    }

    /// <summary>(id, root id) of the given providers.</summary>
    public async Task<List<(int Id, int RootId)>> ProvidersWithRootAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var list = ids.ToList();
        var rows = await (from p in db.Providers
                          join r in db.Providers on p.RootUuid equals r.Uuid
                          where list.Contains(p.Id)
                          select new { p.Id, RootId = r.Id }).ToListAsync(ct);
        return rows.ConvertAll(x => (x.Id, x.RootId));
    }

    /// <summary>For each sharing provider: the roots (id, uuid) of every provider sharing an aggregate with it (its
    /// own root included when it is in an aggregate; nothing when it is in none).</summary>
    public async Task<List<(int SharingId, int AnchorId, string AnchorUuid)>> AnchorsForSharingAsync(IReadOnlyCollection<int> sharingIds, CancellationToken ct)
    {
        var list = sharingIds.ToList();
        var rows = await (from mine in db.ProviderAggregates
                          where list.Contains(mine.ProviderId)
                          join other in db.ProviderAggregates on mine.AggregateId equals other.AggregateId
                          join p in db.Providers on other.ProviderId equals p.Id
                          join r in db.Providers on p.RootUuid equals r.Uuid
                          select new { mine.ProviderId, r.Id, r.Uuid }).Distinct().ToListAsync(ct);
        return rows.ConvertAll(x => (x.ProviderId, x.Id, x.Uuid));
    }

    /// <summary>Ids of root providers with all <paramref name="required"/> and none of <paramref name="forbidden"/> traits.</summary>
    public async Task<HashSet<int>> RootsWithTraitsAsync(IReadOnlyCollection<int> required, IReadOnlyCollection<int> forbidden, CancellationToken ct)
    {
        var req = required.Distinct().ToList();
        var forb = forbidden.Distinct().ToList();
        var query = db.Providers.Where(p => p.ParentUuid == null);
        if (req.Count > 0)
            query = query.Where(p => db.ProviderTraits.Count(pt => pt.ProviderId == p.Id && req.Contains(pt.TraitId)) == req.Count);
        if (forb.Count > 0)
            query = query.Where(p => !db.ProviderTraits.Any(pt => pt.ProviderId == p.Id && forb.Contains(pt.TraitId)));
        return [.. await query.Select(p => p.Id).ToListAsync(ct)];
    }

    /// <summary>Every provider of the trees that contain any of <paramref name="providerIds"/>, with traits,
    /// inventories and usage (four queries, whatever the number of trees).</summary>
    public async Task<List<ProviderSummary>> TreesAsync(IReadOnlyCollection<int> providerIds, IReadOnlyDictionary<int, string> classNames, CancellationToken ct)
    {
        var ids = providerIds.Distinct().ToList();
        var rootUuids = await db.Providers.Where(p => ids.Contains(p.Id)).Select(p => p.RootUuid).Distinct().ToListAsync(ct);
        var providers = await db.Providers.AsNoTracking().Where(p => rootUuids.Contains(p.RootUuid)).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Uuid, p.ParentUuid, p.RootUuid }).ToListAsync(ct);
        // Ids as a parameter list: the database answers these from the provider_id indexes.
        var members = providers.ConvertAll(p => p.Id);
        var inventories = await db.Inventories.Where(i => members.Contains(i.ProviderId))
            .Select(i => new { i.ProviderId, i.ResourceClassId, i.Total, i.Reserved, i.AllocationRatio, i.MaxUnit }).ToListAsync(ct);
        var usages = await db.Allocations.Where(a => members.Contains(a.ProviderId))
            .GroupBy(a => new { a.ProviderId, a.ResourceClassId })
            .Select(g => new { g.Key.ProviderId, g.Key.ResourceClassId, Used = g.Sum(a => (long)a.Used) }).ToListAsync(ct);
        var traits = await (from pt in db.ProviderTraits
                            where members.Contains(pt.ProviderId)
                            join t in db.Traits on pt.TraitId equals t.Id
                            select new { pt.ProviderId, t.Name }).ToListAsync(ct);

        var byId = providers.ToDictionary(p => p.Id, p => new ProviderSummary
        {
            Id = p.Id, Uuid = p.Uuid, ParentUuid = p.ParentUuid, RootUuid = p.RootUuid,
        });
        var used = usages.ToDictionary(u => (u.ProviderId, u.ResourceClassId), u => u.Used);
        foreach (var i in inventories.OrderBy(i => i.ResourceClassId))
        {
            if (!byId.TryGetValue(i.ProviderId, out var summary)) continue;
            var capacity = (long)Math.Truncate((i.Total - i.Reserved) * i.AllocationRatio);
            var name = classNames.TryGetValue(i.ResourceClassId, out var n) ? n : $"UNKNOWN_{i.ResourceClassId}";
            summary.Resources.Add(new SummaryResource(i.ResourceClassId, name, capacity, used.GetValueOrDefault((i.ProviderId, i.ResourceClassId)), i.MaxUnit));
        }
        foreach (var t in traits)
            if (byId.TryGetValue(t.ProviderId, out var summary)) summary.Traits.Add(t.Name);
        return [.. byId.Values];
    }
}
