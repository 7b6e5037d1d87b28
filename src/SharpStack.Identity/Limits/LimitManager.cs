using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Limits;

/// <summary>A limit with the registered limit it overrides (which supplies its service, region and resource).</summary>
public sealed record LimitView(LimitRow Limit, RegisteredLimitRow? Registered);

/// <summary>Project and domain limits: each overrides one registered limit for one owner, checked against the
/// configured enforcement model.</summary>
public sealed class LimitManager(IdentityDb db, IdentityRevision revision, SharpStackConfig config)
{
    public EnforcementModel Model { get; } = EnforcementModel.Named(config.Get(IdentityOptions.EnforcementModel));

    public async Task<LimitView?> FindAsync(string id, CancellationToken ct)
    {
        var row = await db.Limits.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (row is null) return null;
        return new LimitView(row, await db.RegisteredLimits.FirstOrDefaultAsync(r => r.InternalId == row.RegisteredLimitId, ct));
    }

    public async Task<LimitView> GetAsync(string id, CancellationToken ct) => await FindAsync(id, ct) ?? throw NotFound(id);

    public async Task<List<LimitView>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Limits.OrderBy(l => l.InternalId).ToListAsync(ct);
        var registered = await db.RegisteredLimits.ToDictionaryAsync(r => r.InternalId, ct);
        return rows.Select(l => new LimitView(l, registered.GetValueOrDefault(l.RegisteredLimitId))).ToList();
    }

    /// <summary>Creates the whole batch or nothing.</summary>
    public async Task<List<LimitView>> CreateAsync(JsonArray items, CancellationToken ct)
    {
        var limits = items.Cast<JsonObject>().ToList();
        foreach (var limit in limits)
            await LimitReferences.AssertExistAsync(db, limit, "limit", ct);
        await Model.CheckAsync(db, limits.Select(Spec).ToList(), ct);
        var created = new List<LimitView>();
        foreach (var limit in limits)
        {
            var spec = Spec(limit);
            var registered = await db.RegisteredLimits.FirstOrDefaultAsync(r => r.ServiceId == spec.ServiceId
                && r.ResourceName == spec.ResourceName && r.RegionId == spec.RegionId, ct)
                ?? throw ApiException.Forbidden("Unable to create a limit that has no corresponding registered limit.");
            var row = new LimitRow
            {
                Id = Ids.New(),
                ProjectId = spec.ProjectId,
                DomainId = spec.DomainId,
                ResourceLimit = spec.ResourceLimit,
                Description = limit["description"]?.GetValue<string>(),
                RegisteredLimitId = registered.InternalId,
            };
            if (created.Any(c => SameOwner(c.Limit, row)) || await ExistsAsync(row, ct))
                throw IdentityWrites.Conflict("limit", "Duplicate entry");
            created.Add(new LimitView(row, registered));
        }
        db.Limits.AddRange(created.Select(c => c.Limit));
        await db.CommitAsync(revision, "limit", ct);
        return created;
    }

    /// <summary>Keystone applies resource_limit and description only when they are truthy (so 0 or "" are ignored);
    /// here a given value is applied, which is what the API reference describes.</summary>
    public async Task<LimitView> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        var row = await db.Limits.AsTracking().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw NotFound(id);
        var registered = await db.RegisteredLimits.FirstOrDefaultAsync(r => r.InternalId == row.RegisteredLimitId, ct);
        var value = changes["resource_limit"]?.GetValue<int>() ?? row.ResourceLimit;
        if (registered is not null)
            await Model.CheckAsync(db, [new LimitSpec(row.ProjectId, row.DomainId, registered.ServiceId, registered.RegionId, registered.ResourceName, value)], ct);
        row.ResourceLimit = value;
        if (changes.ContainsKey("description")) row.Description = changes["description"]?.GetValue<string>();
        await db.CommitAsync(revision, "limit", ct);
        return new LimitView(row, registered);
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (await db.Limits.Where(l => l.Id == id).ExecuteDeleteAsync(ct) == 0) throw NotFound(id);
        await revision.BumpAsync(db, ct);
    }

    /// <summary>Keystone deletes a project's limits with the project; for the resource manager to call.</summary>
    public static Task ForgetProjectAsync(IdentityDb db, string projectId, CancellationToken ct) =>
        db.Limits.Where(l => l.ProjectId == projectId).ExecuteDeleteAsync(ct);

    private Task<bool> ExistsAsync(LimitRow row, CancellationToken ct) =>
        row.ProjectId is not null
            ? db.Limits.AnyAsync(l => l.RegisteredLimitId == row.RegisteredLimitId && l.ProjectId == row.ProjectId, ct)
            : db.Limits.AnyAsync(l => l.RegisteredLimitId == row.RegisteredLimitId && l.DomainId == row.DomainId, ct);

    private static bool SameOwner(LimitRow a, LimitRow b) =>
        a.RegisteredLimitId == b.RegisteredLimitId && (b.ProjectId is not null ? a.ProjectId == b.ProjectId : a.DomainId == b.DomainId);

    private static LimitSpec Spec(JsonObject limit) => new(
        limit["project_id"]?.GetValue<string>(),
        limit["domain_id"]?.GetValue<string>(),
        limit["service_id"]!.GetValue<string>(),
        limit["region_id"]?.GetValue<string>(),
        limit["resource_name"]!.GetValue<string>(),
        limit["resource_limit"]!.GetValue<int>());

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find limit for {id}.");
}
