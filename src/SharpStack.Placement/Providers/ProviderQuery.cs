using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Queries;
using SharpStack.Placement.ResourceClasses;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Providers;

/// <summary>The filters of GET /resource_providers parsed by the shared query parsers (member_of 1.3, resources 1.4,
/// required 1.18), applied to the providers the name/uuid/in_tree filters left. Unlike allocation candidates, each
/// provider must match on its own: its own aggregates, its own traits, its own free capacity.</summary>
public sealed class ProviderQuery(PlacementDb db, ResourceClassCatalog classes)
{
    public async Task<List<ResourceProviderRow>> FilterAsync(HttpContext context, List<ResourceProviderRow> providers, CancellationToken ct)
    {
        var group = RequestGroupParser.ForProviderList(QueryParams.From(context), PlacementVersion.Of(context));
        var traitIds = await QueryNames.TraitIdsAsync(db, group.AllTraitNames, ct);
        if (QueryNames.FirstUnknown(group.AllTraitNames, traitIds) is { } unknownTrait) throw QueryNames.UnknownTraitForProviders(unknownTrait);
        var classIds = new Dictionary<int, long>();
        foreach (var (name, amount) in group.Resources)
            classIds[await classes.IdOfAsync(name, ct) ?? throw QueryNames.UnknownResourceClass(name)] = amount;
        if (providers.Count == 0) return providers;
        if (group.MemberOf.Count > 0 || group.ForbiddenAggregates.Count > 0)
            providers = await ByAggregatesAsync(providers, group, ct);
        if (group.RequiredTraits.Count > 0 || group.ForbiddenTraits.Count > 0)
            providers = await ByTraitsAsync(providers, group, traitIds, ct);
        if (classIds.Count > 0)
            providers = await ByCapacityAsync(providers, classIds, ct);
        return providers;
    }

    private async Task<List<ResourceProviderRow>> ByAggregatesAsync(List<ResourceProviderRow> providers, RequestGroup group, CancellationToken ct)
    {
        var wanted = group.MemberOf.SelectMany(s => s).Concat(group.ForbiddenAggregates).Distinct().ToList();
        var ids = providers.Select(p => p.Id).ToList();
        var rows = await (from pa in db.ProviderAggregates
                          join a in db.Aggregates on pa.AggregateId equals a.Id
                          where ids.Contains(pa.ProviderId) && wanted.Contains(a.Uuid)
                          select new { pa.ProviderId, a.Uuid }).ToListAsync(ct);
        var member = rows.ToLookup(r => r.ProviderId, r => r.Uuid);
        return providers.Where(p =>
        {
            var own = member[p.Id].ToHashSet();
            return group.MemberOf.All(anyOf => anyOf.Overlaps(own)) && !group.ForbiddenAggregates.Overlaps(own);
        }).ToList();
    }

    private async Task<List<ResourceProviderRow>> ByTraitsAsync(List<ResourceProviderRow> providers, RequestGroup group,
        IReadOnlyDictionary<string, int> traitIds, CancellationToken ct)
    {
        var ids = providers.Select(p => p.Id).ToList();
        var wanted = traitIds.Values.ToList();
        var rows = await db.ProviderTraits.Where(t => ids.Contains(t.ProviderId) && wanted.Contains(t.TraitId))
            .Select(t => new { t.ProviderId, t.TraitId }).ToListAsync(ct);
        var has = rows.ToLookup(r => r.ProviderId, r => r.TraitId);
        var required = group.RequiredTraits.Select(set => set.Select(n => traitIds[n]).ToHashSet()).ToList();
        var forbidden = group.ForbiddenTraits.Select(n => traitIds[n]).ToHashSet();
        return providers.Where(p =>
        {
            var own = has[p.Id].ToHashSet();
            return required.All(anyOf => anyOf.Overlaps(own)) && !forbidden.Overlaps(own);
        }).ToList();
    }

    private async Task<List<ResourceProviderRow>> ByCapacityAsync(List<ResourceProviderRow> providers, Dictionary<int, long> wanted, CancellationToken ct)
    {
        var ids = providers.Select(p => p.Id).ToList();
        var classIds = wanted.Keys.ToList();
        var inventories = await db.Inventories.AsNoTracking().Where(i => ids.Contains(i.ProviderId) && classIds.Contains(i.ResourceClassId)).ToListAsync(ct);
        var used = await db.Allocations.Where(a => ids.Contains(a.ProviderId) && classIds.Contains(a.ResourceClassId))
            .GroupBy(a => new { a.ProviderId, a.ResourceClassId }).Select(g => new { g.Key.ProviderId, g.Key.ResourceClassId, Used = g.Sum(a => (long)a.Used) })
            .ToListAsync(ct);
        var usage = used.ToDictionary(u => (u.ProviderId, u.ResourceClassId), u => u.Used);
        var byProvider = inventories.ToLookup(i => i.ProviderId);
        return providers.Where(p => wanted.All(w =>
        {
            var inventory = byProvider[p.Id].FirstOrDefault(i => i.ResourceClassId == w.Key);
            if (inventory is null) return false;
            var amount = w.Value;
            return usage.GetValueOrDefault((p.Id, w.Key)) + amount <= inventory.Capacity
                && amount >= inventory.MinUnit && amount <= inventory.MaxUnit && amount % inventory.StepSize == 0;
        })).ToList();
    }
}
