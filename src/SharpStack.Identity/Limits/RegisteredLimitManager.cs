using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Limits;

/// <summary>Registered limits: a service's default for a resource (in a region or everywhere), one per
/// (service, region, resource). Limits refer to them, and while any does the registered limit cannot change.</summary>
public sealed class RegisteredLimitManager(IdentityDb db, IdentityRevision revision)
{
    public async Task<RegisteredLimitRow> GetAsync(string id, CancellationToken ct) =>
        await db.RegisteredLimits.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound(id);

    public Task<List<RegisteredLimitRow>> ListAsync(CancellationToken ct) => db.RegisteredLimits.OrderBy(r => r.InternalId).ToListAsync(ct);

    /// <summary>Creates the whole batch or nothing.</summary>
    public async Task<List<RegisteredLimitRow>> CreateAsync(JsonArray items, CancellationToken ct)
    {
        var rows = new List<RegisteredLimitRow>();
        foreach (var item in items.Cast<JsonObject>())
            await LimitReferences.AssertExistAsync(db, item, "registered_limit", ct);
        foreach (var item in items.Cast<JsonObject>())
        {
            var row = new RegisteredLimitRow
            {
                Id = Ids.New(),
                ServiceId = item["service_id"]!.GetValue<string>(),
                RegionId = item["region_id"]?.GetValue<string>(),
                ResourceName = item["resource_name"]!.GetValue<string>(),
                DefaultLimit = item["default_limit"]!.GetValue<int>(),
                Description = item["description"]?.GetValue<string>(),
            };
            if (rows.Any(r => SameResource(r, row)) || await ExistsAsync(row, null, ct)) throw Duplicate();
            rows.Add(row);
        }
        db.RegisteredLimits.AddRange(rows);
        await db.CommitAsync(revision, "registered_limit", ct);
        return rows;
    }

    public async Task<RegisteredLimitRow> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        await LimitReferences.AssertExistAsync(db, changes, "registered_limit", ct);
        var row = await db.RegisteredLimits.AsTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound(id);
        await RequireUnreferencedAsync(row, ct);
        if (changes["service_id"] is { } service) row.ServiceId = service.GetValue<string>();
        if (changes.ContainsKey("region_id")) row.RegionId = changes["region_id"]?.GetValue<string>();
        if (changes["resource_name"] is { } name) row.ResourceName = name.GetValue<string>();
        if (changes["default_limit"] is { } value) row.DefaultLimit = value.GetValue<int>();
        if (changes.ContainsKey("description")) row.Description = changes["description"]?.GetValue<string>();
        // Keystone compares the result with every registered limit including itself, so re-sending an unchanged
        // region answers 409 there; here only other registered limits conflict.
        if (await ExistsAsync(row, row.InternalId, ct)) throw Duplicate();
        await db.CommitAsync(revision, "registered_limit", ct);
        return row;
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        var row = await GetAsync(id, ct);
        await RequireUnreferencedAsync(row, ct);
        await db.RegisteredLimits.Where(r => r.InternalId == row.InternalId).ExecuteDeleteAsync(ct);
        await revision.BumpAsync(db, ct);
    }

    private async Task RequireUnreferencedAsync(RegisteredLimitRow row, CancellationToken ct)
    {
        if (await db.Limits.AnyAsync(l => l.RegisteredLimitId == row.InternalId, ct))
            throw ApiException.Forbidden($"Unable to update or delete registered limit {row.Id} because there are project limits associated with it.");
    }

    private Task<bool> ExistsAsync(RegisteredLimitRow row, long? except, CancellationToken ct) =>
        db.RegisteredLimits.AnyAsync(r => r.ServiceId == row.ServiceId && r.ResourceName == row.ResourceName
            && r.RegionId == row.RegionId && r.InternalId != except, ct);

    private static bool SameResource(RegisteredLimitRow a, RegisteredLimitRow b) =>
        a.ServiceId == b.ServiceId && a.ResourceName == b.ResourceName && a.RegionId == b.RegionId;

    private static ApiException Duplicate() => IdentityWrites.Conflict("registered_limit", "Duplicate entry");

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find registered limit for {id}.");
}
