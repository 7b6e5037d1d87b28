using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Catalog;

/// <summary>The rules of endpoints: the service and region must exist (400, as Keystone's "Expecting to find endpoint
/// service_id in service table"), the legacy "region" attribute names (and creates) a region, and URLs may only use
/// whitelisted substitutions.</summary>
public sealed class EndpointManager(IdentityDb db, IdentityRevision revision)
{
    public async Task<EndpointRow> GetAsync(string id, CancellationToken ct) =>
        await db.Endpoints.FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound(id);

    public Task<List<EndpointRow>> ListAsync(CancellationToken ct) => db.Endpoints.OrderBy(e => e.Id).ToListAsync(ct);

    /// <param name="endpoint">The validated request entity (keys normalized as Keystone's _normalize_dict does).</param>
    public async Task<EndpointRow> CreateAsync(JsonObject endpoint, CancellationToken ct)
    {
        var url = endpoint["url"]!.GetValue<string>();
        if (!EndpointUrl.IsValid(url))
            throw ApiException.BadRequest($"Cannot create an endpoint with an invalid URL: {url}.");
        var regionId = await ResolveRegionAsync(endpoint, ct);
        await AssertRegionExistsAsync(regionId, ct);
        var serviceId = endpoint["service_id"]!.GetValue<string>();
        await AssertServiceExistsAsync(serviceId, ct);
        var row = new EndpointRow
        {
            Id = Ids.New(),
            Interface = endpoint["interface"]!.GetValue<string>(),
            RegionId = regionId,
            ServiceId = serviceId,
            Url = url,
            Enabled = endpoint["enabled"]?.GetValue<bool>() ?? true,
            Extra = ExtraAttributes.Serialize(Extra(endpoint)),
        };
        db.Endpoints.Add(row);
        await db.CommitAsync(revision, "endpoint", ct);
        return row;
    }

    /// <summary>Keystone checks URLs only on create; an update may store any URL (the catalog then skips a malformed one).</summary>
    public async Task<EndpointRow> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        var row = await db.Endpoints.AsTracking().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw NotFound(id);
        string? regionId = null;
        var regionGiven = changes["region_id"] is not null || changes["region"] is not null;
        if (regionGiven) regionId = await ResolveRegionAsync(changes, ct);
        await AssertRegionExistsAsync(regionId, ct);
        var serviceId = changes["service_id"]?.GetValue<string>();
        await AssertServiceExistsAsync(serviceId, ct);
        if (regionGiven) row.RegionId = regionId;
        if (serviceId is not null) row.ServiceId = serviceId;
        if (changes["interface"] is { } iface) row.Interface = iface.GetValue<string>();
        if (changes["url"] is { } url) row.Url = url.GetValue<string>();
        if (changes["enabled"] is { } enabled) row.Enabled = enabled.GetValue<bool>();
        var extra = ExtraAttributes.Parse(row.Extra);
        foreach (var (k, v) in Extra(changes)) extra[k] = v?.DeepClone();
        row.Extra = ExtraAttributes.Serialize(extra);
        await db.CommitAsync(revision, "endpoint", ct);
        return row;
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        if (!await db.Endpoints.AnyAsync(e => e.Id == id, ct)) throw NotFound(id);
        await Transactions.RunAsync(db, async c =>
        {
            await DeleteReferencesAsync(db, [id], c);
            await db.Endpoints.Where(e => e.Id == id).ExecuteDeleteAsync(c);
        }, ct);
        await revision.BumpAsync(db, ct);
    }

    /// <summary>Forgets what pointed at deleted endpoints: project associations (Keystone's endpoint-deleted callback) and
    /// policy associations (which Keystone leaves behind, making the policy's endpoint list answer 404 afterwards).</summary>
    public static async Task DeleteReferencesAsync(IdentityDb db, IReadOnlyCollection<string> endpointIds, CancellationToken ct)
    {
        if (endpointIds.Count == 0) return;
        await db.ProjectEndpoints.Where(p => endpointIds.Contains(p.EndpointId)).ExecuteDeleteAsync(ct);
        await db.PolicyAssociations.Where(a => a.EndpointId != null && endpointIds.Contains(a.EndpointId)).ExecuteDeleteAsync(ct);
    }

    /// <summary>region_id wins; a legacy "region" alone names the region and creates it when missing (Keystone keeps
    /// that for clients still speaking v2's vocabulary).</summary>
    private async Task<string?> ResolveRegionAsync(JsonObject endpoint, CancellationToken ct)
    {
        if (endpoint["region_id"] is { } regionId) return regionId.GetValue<string>();
        if (endpoint["region"] is not { } legacy) return null;
        var id = legacy.GetValue<string>();
        if (!await db.Regions.AnyAsync(r => r.Id == id, ct))
        {
            db.Regions.Add(new RegionRow { Id = id, Description = "" });
            await db.CommitAsync(revision, "region", ct, $"Duplicate ID, {id}");
        }
        return id;
    }

    private async Task AssertRegionExistsAsync(string? regionId, CancellationToken ct)
    {
        if (regionId is not null && !await db.Regions.AnyAsync(r => r.Id == regionId, ct))
            throw KeystoneRequest.Expecting("endpoint region_id", "region table");
    }

    private async Task AssertServiceExistsAsync(string? serviceId, CancellationToken ct)
    {
        if (serviceId is not null && !await db.Services.AnyAsync(s => s.Id == serviceId, ct))
            throw KeystoneRequest.Expecting("endpoint service_id", "service table");
    }

    /// <summary>Attributes outside the columns. "region" is never kept: responses always show region_id under it.</summary>
    private static JsonObject Extra(JsonObject o)
    {
        var extra = new JsonObject();
        foreach (var (k, v) in o)
            if (k is not ("id" or "interface" or "region_id" or "region" or "service_id" or "url" or "enabled" or "links" or "legacy_endpoint_id"))
                extra[k] = v?.DeepClone();
        return extra;
    }

    public static ApiException NotFound(string id) => ApiException.NotFound($"Could not find endpoint: {id}.");
}
