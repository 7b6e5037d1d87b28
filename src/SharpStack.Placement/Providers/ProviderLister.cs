using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Providers;

/// <summary>GET /resource_providers in the database: every filter AND-ed, providers in creation order.</summary>
public sealed class ProviderLister(PlacementDb db)
{
    public async Task<List<ResourceProviderRow>> ListAsync(ProviderFilter filter, CancellationToken ct)
    {
        var query = db.Providers.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.Name)) query = query.Where(p => p.Name == filter.Name);
        if (filter.Uuid is not null) query = query.Where(p => p.Uuid == filter.Uuid);
        if (filter.InTree is not null)
        {
            var tree = filter.InTree;
            var root = await db.Providers.Where(p => p.Uuid == tree).Select(p => p.RootUuid).FirstOrDefaultAsync(ct);
            if (root is null) return [];
            query = query.Where(p => p.RootUuid == root);
        }
        return await query.OrderBy(p => p.Id).ToListAsync(ct);
    }
}

/// <summary>The filters of GET /resource_providers that the database applies directly.</summary>
public sealed record ProviderFilter(string? Name, string? Uuid, string? InTree);
