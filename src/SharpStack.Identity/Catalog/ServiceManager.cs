using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Catalog;

/// <summary>The rules of catalog services: type, enabled and id are columns, everything else (name, description,
/// anything a client adds) lives in Extra as Keystone keeps it; deleting a service deletes its endpoints.</summary>
public sealed class ServiceManager(IdentityDb db, IdentityRevision revision)
{
    public async Task<ServiceRow> GetAsync(string id, CancellationToken ct) =>
        await db.Services.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw NotFound(id);

    public Task<List<ServiceRow>> ListAsync(CancellationToken ct) => db.Services.OrderBy(s => s.Id).ToListAsync(ct);

    /// <param name="service">The validated request entity (keys already normalized as Keystone's _normalize_dict does).</param>
    public async Task<ServiceRow> CreateAsync(JsonObject service, CancellationToken ct)
    {
        var extra = Extra(service);
        // Keystone's create_service: name defaults to "" so every service shows one.
        if (!extra.ContainsKey("name")) extra["name"] = "";
        var row = new ServiceRow
        {
            Id = Ids.New(),
            Type = service["type"]!.GetValue<string>(),
            Enabled = service["enabled"]?.GetValue<bool>() ?? true,
            Extra = ExtraAttributes.Serialize(extra),
        };
        db.Services.Add(row);
        await db.CommitAsync(revision, "service", ct);
        return row;
    }

    public async Task<ServiceRow> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        var row = await db.Services.AsTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw NotFound(id);
        if (changes["type"] is { } type) row.Type = type.GetValue<string>();
        if (changes["enabled"] is { } enabled) row.Enabled = enabled.GetValue<bool>();
        var extra = ExtraAttributes.Parse(row.Extra);
        foreach (var (k, v) in Extra(changes)) extra[k] = v?.DeepClone();
        row.Extra = ExtraAttributes.Serialize(extra);
        await db.CommitAsync(revision, "service", ct);
        return row;
    }

    /// <summary>Deletes the service with its endpoints, and the associations that pointed at those endpoints.</summary>
    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (!await db.Services.AnyAsync(s => s.Id == id, ct)) throw NotFound(id);
        await Transactions.RunAsync(db, async c =>
        {
            var endpointIds = await db.Endpoints.Where(e => e.ServiceId == id).Select(e => e.Id).ToListAsync(c);
            await EndpointManager.DeleteReferencesAsync(db, endpointIds, c);
            await db.PolicyAssociations.Where(a => a.ServiceId == id).ExecuteDeleteAsync(c);
            await db.Endpoints.Where(e => e.ServiceId == id).ExecuteDeleteAsync(c);
            await db.Services.Where(s => s.Id == id).ExecuteDeleteAsync(c);
        }, ct);
        await revision.BumpAsync(db, ct);
    }

    /// <summary>The attributes kept in Extra: all but the columns (and links, which Keystone recomputes).</summary>
    private static JsonObject Extra(JsonObject o)
    {
        var extra = new JsonObject();
        foreach (var (k, v) in o)
            if (k is not ("id" or "type" or "enabled" or "links"))
                extra[k] = v?.DeepClone();
        return extra;
    }

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find service: {id}.");
}
