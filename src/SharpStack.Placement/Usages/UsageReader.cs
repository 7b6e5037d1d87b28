using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Validation;
using SharpStack.Placement.ResourceClasses;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Usages;

/// <summary>What is used: per provider (every class it has inventory of) and per project/user (placement/objects/usage.py).</summary>
public sealed class UsageReader(PlacementDb db, ResourceClassCatalog classes)
{
    /// <summary>GET /usages's query schema below 1.38.</summary>
    public static readonly JsonSchema Query19 = JsonSchema.Parse("""
        {"type": "object", "properties": {
            "project_id": {"type": "string", "minLength": 1, "maxLength": 255},
            "user_id": {"type": "string", "minLength": 1, "maxLength": 255}},
         "required": ["project_id"], "additionalProperties": false}
        """, JsonSchemaOptions.Placement);

    /// <summary>GET /usages's query schema from 1.38 (consumer_type: a type name, "all" or "unknown").</summary>
    public static readonly JsonSchema Query138 = JsonSchema.Parse("""
        {"type": "object", "properties": {
            "project_id": {"type": "string", "minLength": 1, "maxLength": 255},
            "user_id": {"type": "string", "minLength": 1, "maxLength": 255},
            "consumer_type": {"type": "string", "pattern": "^[A-Z0-9_]+$|^all|^unknown$", "minLength": 1, "maxLength": 255}},
         "required": ["project_id"], "additionalProperties": false}
        """, JsonSchemaOptions.Placement);

    /// <summary>GET /resource_providers/{uuid}/usages's body: one entry per class of inventory (0 when unused).</summary>
    public async Task<JsonObject> ForProviderAsync(ResourceProviderRow provider, CancellationToken ct)
    {
        var rows = await db.Inventories.AsNoTracking()
            .Where(i => i.ProviderId == provider.Id)
            .OrderBy(i => i.ResourceClassId)
            .Select(i => new
            {
                i.ResourceClassId,
                Used = db.Allocations.Where(a => a.ProviderId == i.ProviderId && a.ResourceClassId == i.ResourceClassId).Sum(a => (long?)a.Used) ?? 0,
            }).ToListAsync(ct);
        var usages = new JsonObject();
        foreach (var r in rows) usages[await classes.NameOfAsync(r.ResourceClassId, ct)] = r.Used;
        return new JsonObject { ["resource_provider_generation"] = provider.Generation, ["usages"] = usages };
    }

    /// <summary>GET /usages below 1.38: {class: sum} over the project's (and user's) consumers.</summary>
    public async Task<JsonObject> TotalsAsync(string projectId, string? userId, CancellationToken ct)
    {
        var rows = await Owned(projectId, userId)
            .GroupBy(x => x.Allocation.ResourceClassId)
            .Select(g => new { ResourceClassId = g.Key, Used = g.Sum(x => (long)x.Allocation.Used) })
            .OrderBy(g => g.ResourceClassId)
            .ToListAsync(ct);
        var usages = new JsonObject();
        foreach (var r in rows) usages[await classes.NameOfAsync(r.ResourceClassId, ct)] = r.Used;
        return usages;
    }

    /// <summary>GET /usages from 1.38: {type: {class: sum, consumer_count: n}}; consumer_type "all" puts everything
    /// under "all", "unknown" keeps untyped consumers only, a name keeps that type only.</summary>
    public async Task<JsonObject> ByConsumerTypeAsync(string projectId, string? userId, string? consumerType, CancellationToken ct)
    {
        var owned = Owned(projectId, userId);
        var result = new JsonObject();
        if (consumerType is "all" or "unknown")
        {
            if (consumerType == "unknown") owned = owned.Where(x => x.Consumer.ConsumerTypeId == null);
            var sums = await owned.GroupBy(x => x.Allocation.ResourceClassId)
                .Select(g => new { ResourceClassId = g.Key, Used = g.Sum(x => (long)x.Allocation.Used) })
                .OrderBy(g => g.ResourceClassId).ToListAsync(ct);
            var count = await owned.Select(x => x.Consumer.Uuid).Distinct().CountAsync(ct);
            if (sums.Count == 0) return result;
            var group = new JsonObject();
            foreach (var s in sums)
            {
                group[await classes.NameOfAsync(s.ResourceClassId, ct)] = s.Used;
                group["consumer_count"] = count;
            }
            result[consumerType] = group;
            return result;
        }

        var typed = from x in owned
                    join t in db.ConsumerTypes on x.Consumer.ConsumerTypeId equals t.Id into types
                    from t in types.DefaultIfEmpty()
                    select new { x.Allocation, x.Consumer, TypeName = t == null ? null : t.Name };
        if (consumerType is not null) typed = typed.Where(x => x.TypeName == consumerType);
        var counts = await typed.GroupBy(x => x.TypeName)
            .Select(g => new { Type = g.Key, Count = g.Select(x => x.Consumer.Uuid).Distinct().Count() })
            .ToListAsync(ct);
        var rows = await typed.GroupBy(x => new { x.Allocation.ResourceClassId, x.TypeName })
            .Select(g => new { g.Key.ResourceClassId, g.Key.TypeName, Used = g.Sum(x => (long)x.Allocation.Used) })
            .OrderBy(g => g.ResourceClassId).ToListAsync(ct);
        var countByType = counts.ToDictionary(c => c.Type ?? "unknown", c => c.Count);
        foreach (var r in rows)
        {
            var name = r.TypeName ?? "unknown";
            if (result[name] is not JsonObject group)
            {
                group = new JsonObject();
                result[name] = group;
            }
            group[await classes.NameOfAsync(r.ResourceClassId, ct)] = r.Used;
            group["consumer_count"] = countByType[name];
        }
        return result;
    }

    private IQueryable<OwnedAllocation> Owned(string projectId, string? userId)
    {
        var q = from a in db.Allocations
                join c in db.Consumers on a.ConsumerUuid equals c.Uuid
                where c.ProjectId == projectId
                select new OwnedAllocation { Allocation = a, Consumer = c };
        if (!string.IsNullOrEmpty(userId)) q = q.Where(x => x.Consumer.UserId == userId);
        return q;
    }

    private sealed class OwnedAllocation
    {
        public required AllocationRow Allocation { get; init; }
        public required ConsumerRow Consumer { get; init; }
    }
}
