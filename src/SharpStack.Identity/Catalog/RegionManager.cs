using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Catalog;

/// <summary>The rules of regions: ids chosen by the client or generated, parents that must exist, no cycles,
/// deletion refused while the region (or a child) has endpoints, children deleted with their parent.</summary>
public sealed class RegionManager(IdentityDb db, IdentityRevision revision)
{
    public async Task<RegionRow> GetAsync(string id, CancellationToken ct) =>
        await db.Regions.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound(id);

    public Task<List<RegionRow>> ListAsync(CancellationToken ct) => db.Regions.OrderBy(r => r.Id).ToListAsync(ct);

    public async Task<RegionRow> CreateAsync(JsonObject region, CancellationToken ct)
    {
        var id = region["id"]?.GetValue<string>();
        if (string.IsNullOrEmpty(id)) id = Ids.New();
        var parent = region["parent_region_id"]?.GetValue<string>();
        if (parent is not null && !await db.Regions.AnyAsync(r => r.Id == parent, ct))
            throw NotFound(parent);
        if (await db.Regions.AnyAsync(r => r.Id == id, ct))
            throw IdentityWrites.Conflict("region", $"Duplicate ID, {id}");
        var row = new RegionRow
        {
            Id = id,
            Description = region["description"]?.GetValue<string>() ?? "",
            ParentRegionId = parent,
            Extra = ExtraAttributes.Serialize(Extra(region)),
        };
        db.Regions.Add(row);
        await db.CommitAsync(revision, "region", ct, $"Duplicate ID, {id}");
        return row;
    }

    public async Task<RegionRow> UpdateAsync(string id, JsonObject changes, CancellationToken ct)
    {
        var row = await db.Regions.AsTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw NotFound(id);
        if (changes.ContainsKey("parent_region_id"))
        {
            var parent = changes["parent_region_id"]?.GetValue<string>();
            if (parent is not null)
            {
                if (!await db.Regions.AnyAsync(r => r.Id == parent, ct)) throw NotFound(parent);
                await EnsureNoCycleAsync(id, parent, ct);
            }
            row.ParentRegionId = parent;
        }
        if (changes.ContainsKey("description"))
            row.Description = changes["description"]?.GetValue<string>() ?? "";
        var extra = ExtraAttributes.Parse(row.Extra);
        foreach (var (k, v) in Extra(changes)) extra[k] = v?.DeepClone();
        row.Extra = ExtraAttributes.Serialize(extra);
        await db.CommitAsync(revision, "region", ct);
        return row;
    }

    public async Task DeleteAsync(string id, CancellationToken ct)
    {
        await Transactions.RunAsync(db, async c =>
        {
            var all = await db.Regions.ToListAsync(c);
            if (all.All(r => r.Id != id)) throw NotFound(id);
            var doomed = Subtree(all, id);
            if (await db.Endpoints.AnyAsync(e => e.RegionId != null && doomed.Contains(e.RegionId), c))
                throw ApiException.Forbidden($"Unable to delete region {id} because it or its child regions have associated endpoints.");
            // Policy associations of the regions go with them (Keystone leaves them dangling).
            await db.PolicyAssociations.Where(a => a.RegionId != null && doomed.Contains(a.RegionId)).ExecuteDeleteAsync(c);
            await db.Regions.Where(r => doomed.Contains(r.Id)).ExecuteDeleteAsync(c);
        }, ct);
        await revision.BumpAsync(db, ct);
    }

    private static HashSet<string> Subtree(List<RegionRow> all, string id)
    {
        var result = new HashSet<string> { id };
        var added = true;
        while (added)
        {
            added = false;
            foreach (var r in all)
                if (r.ParentRegionId is not null && result.Contains(r.ParentRegionId) && result.Add(r.Id))
                    added = true;
        }
        return result;
    }

    private async Task EnsureNoCycleAsync(string id, string parent, CancellationToken ct)
    {
        var seen = new HashSet<string> { id };
        for (string? cur = parent; cur is not null; cur = await db.Regions.Where(r => r.Id == cur).Select(r => r.ParentRegionId).FirstOrDefaultAsync(ct))
        {
            if (!seen.Add(cur))
                throw ApiException.BadRequest($"Circular reference or a repeated entry found in region tree - {id}.");
        }
    }

    private static JsonObject Extra(JsonObject o)
    {
        var extra = new JsonObject();
        foreach (var (k, v) in o)
            if (k is not ("id" or "description" or "parent_region_id" or "links"))
                extra[k] = v?.DeepClone();
        return extra;
    }

    private static ApiException NotFound(string id) => ApiException.NotFound($"Could not find region: {id}.");
}
