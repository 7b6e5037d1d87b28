using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.ResourceClasses;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Allocations;

/// <summary>The allocation listings: by consumer and by provider, shaped per microversion as upstream serialises them.</summary>
public sealed class AllocationReader(PlacementDb db, ResourceClassCatalog classes, ConsumerStore consumers)
{
    /// <summary>GET /allocations/{consumer_uuid}'s body and the newest allocation time (null when there is none).</summary>
    public async Task<(JsonObject Body, DateTime? LastModified)> ForConsumerAsync(string consumerUuid, int minor, CancellationToken ct)
    {
        var rows = await (from a in db.Allocations
                          join c in db.Consumers on a.ConsumerUuid equals c.Uuid
                          join rp in db.Providers on a.ProviderId equals rp.Id
                          where a.ConsumerUuid == consumerUuid
                          orderby a.Id
                          select new { rp.Uuid, rp.Generation, a.ResourceClassId, a.Used, a.CreatedAt, a.UpdatedAt, Consumer = c }).ToListAsync(ct);
        var allocations = new JsonObject();
        foreach (var r in rows)
        {
            if (allocations[r.Uuid] is not JsonObject entry)
            {
                entry = new JsonObject { ["resources"] = new JsonObject() };
                allocations[r.Uuid] = entry;
            }
            entry["resources"]!.AsObject()[await classes.NameOfAsync(r.ResourceClassId, ct)] = r.Used;
            entry["generation"] = r.Generation;
        }
        var body = new JsonObject { ["allocations"] = allocations };
        if (rows.Count > 0 && minor >= 12)
        {
            var consumer = rows[0].Consumer;
            body["project_id"] = consumer.ProjectId;
            body["user_id"] = consumer.UserId;
            if (minor >= 28) body["consumer_generation"] = consumer.Generation;
            if (minor >= 38) body["consumer_type"] = await consumers.TypeNameAsync(consumer.ConsumerTypeId, ct);
        }
        return (body, rows.Count > 0 ? rows.Max(r => Newest(r.CreatedAt, r.UpdatedAt)) : null);
    }

    /// <summary>GET /resource_providers/{uuid}/allocations's body for a provider that exists.</summary>
    public async Task<(JsonObject Body, DateTime? LastModified)> ForProviderAsync(ResourceProviderRow provider, int minor, CancellationToken ct)
    {
        var rows = await (from a in db.Allocations
                          join c in db.Consumers on a.ConsumerUuid equals c.Uuid
                          where a.ProviderId == provider.Id
                          orderby a.Id
                          select new { a.ConsumerUuid, c.Generation, a.ResourceClassId, a.Used, a.CreatedAt, a.UpdatedAt }).ToListAsync(ct);
        var allocations = new JsonObject();
        foreach (var r in rows)
        {
            if (allocations[r.ConsumerUuid] is not JsonObject entry)
            {
                entry = new JsonObject { ["resources"] = new JsonObject() };
                allocations[r.ConsumerUuid] = entry;
            }
            entry["resources"]!.AsObject()[await classes.NameOfAsync(r.ResourceClassId, ct)] = r.Used;
            if (minor >= 28) entry["consumer_generation"] = r.Generation;
        }
        var body = new JsonObject { ["allocations"] = allocations, ["resource_provider_generation"] = provider.Generation };
        return (body, rows.Count > 0 ? rows.Max(r => Newest(r.CreatedAt, r.UpdatedAt)) : null);
    }

    private static DateTime Newest(DateTime created, DateTime updated) => updated > created ? updated : created;
}
