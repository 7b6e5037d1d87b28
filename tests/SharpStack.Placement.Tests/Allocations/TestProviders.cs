using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Storage.Entities;
using SharpStack.Placement.Tests.Api;

namespace SharpStack.Placement.Tests.Allocations;

/// <summary>Providers and inventories written straight into the database, so allocation tests do not depend on the
/// provider and inventory endpoints.</summary>
public static class TestProviders
{
    /// <summary>A new root provider with the given inventories (class name → total); returns its uuid.</summary>
    public static async Task<string> AddAsync(PlacementCloud cloud, params (string Class, int Total)[] inventories) =>
        await AddAsync(cloud, inventories.Select(i => new InventoryRow { Total = i.Total, ResourceClassId = -1 }).ToList(), inventories.Select(i => i.Class).ToList());

    /// <summary>A new root provider with full inventory rows (their ResourceClassId is filled from <paramref name="classes"/>).</summary>
    public static async Task<string> AddAsync(PlacementCloud cloud, List<InventoryRow> rows, List<string> classes)
    {
        var db = cloud.OpenDb();
        var uuid = Guid.NewGuid().ToString();
        var now = DateTime.UtcNow;
        var rp = new ResourceProviderRow { Uuid = uuid, Name = "rp-" + uuid, RootUuid = uuid, CreatedAt = now, UpdatedAt = now };
        db.Providers.Add(rp);
        await db.SaveChangesAsync();
        for (var i = 0; i < rows.Count; i++)
        {
            var name = classes[i];
            rows[i].ProviderId = rp.Id;
            rows[i].ResourceClassId = await db.ResourceClasses.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
            rows[i].CreatedAt = rows[i].UpdatedAt = now;
            db.Inventories.Add(rows[i]);
        }
        await db.SaveChangesAsync();
        return uuid;
    }

    /// <summary>The provider's generation as stored.</summary>
    public static async Task<int> GenerationAsync(PlacementCloud cloud, string uuid) =>
        await cloud.OpenDb().Providers.Where(p => p.Uuid == uuid).Select(p => p.Generation).SingleAsync();
}
