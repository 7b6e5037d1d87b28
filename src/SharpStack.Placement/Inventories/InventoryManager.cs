using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Providers;
using SharpStack.Placement.ResourceClasses;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Inventories;

/// <summary>A provider's inventories: every successful write moves the provider's generation by one; a class may not
/// be removed while allocations use it (lowering a total below usage is allowed, as upstream).</summary>
public sealed class InventoryManager(PlacementDb db, ProviderStore store, ResourceClassCatalog classes, TimeProvider clock)
{
    private const string GenerationConflict = "resource provider generation conflict";

    /// <summary>The provider's inventories by class name.</summary>
    public async Task<List<(string Class, InventoryRow Row)>> ListAsync(ResourceProviderRow provider, CancellationToken ct)
    {
        var rows = await db.Inventories.AsNoTracking().Where(i => i.ProviderId == provider.Id).OrderBy(i => i.ResourceClassId).ToListAsync(ct);
        var names = await classes.NamesAsync(ct);
        return rows.Select(r => (names.TryGetValue(r.ResourceClassId, out var n) ? n : $"UNKNOWN_{r.ResourceClassId}", r)).ToList();
    }

    public async Task<InventoryRow?> FindAsync(ResourceProviderRow provider, string className, CancellationToken ct) =>
        await classes.IdOfAsync(className, ct) is { } id
            ? await db.Inventories.AsNoTracking().FirstOrDefaultAsync(i => i.ProviderId == provider.Id && i.ResourceClassId == id, ct)
            : null;

    public async Task<InventoryRow> CreateAsync(ResourceProviderRow provider, string className, InventoryRecord record, bool zeroAllowed, CancellationToken ct)
    {
        var prefix = $"Unable to create inventory for resource provider {provider.Uuid}";
        if (record.CapacityProblem(className, provider.Uuid, zeroAllowed) is { } problem) throw InventoryRecord.Invalid(prefix, problem);
        var classId = await classes.IdOfAsync(className, ct) ?? throw InventoryRecord.Invalid(prefix, $"No such resource class {className}.");
        if (await db.Inventories.AnyAsync(i => i.ProviderId == provider.Id && i.ResourceClassId == classId, ct))
            throw PlacementErrors.Concurrent($"Update conflict: Inventory for '{className}' on resource provider '{provider.Uuid}' already exists.");
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new InventoryRow { ProviderId = provider.Id, ResourceClassId = classId, CreatedAt = now, UpdatedAt = now };
        record.ApplyTo(row);
        db.Inventories.Add(row);
        ProviderStore.Bump(provider, now);
        await SaveAsync($"Update conflict: Inventory for '{className}' on resource provider '{provider.Uuid}' changed concurrently.", ct);
        return row;
    }

    /// <summary>PUT …/inventories: the provider's whole inventory becomes <paramref name="records"/>.</summary>
    public async Task ReplaceAllAsync(ResourceProviderRow provider, int generation, IReadOnlyList<(string Class, InventoryRecord Record)> records, bool zeroAllowed, CancellationToken ct)
    {
        ProviderStore.Expect(provider, generation, GenerationConflict);
        foreach (var (name, record) in records)
            if (record.CapacityProblem(name, provider.Uuid, zeroAllowed) is { } problem)
                throw InventoryRecord.Invalid($"Unable to update inventory for resource provider {provider.Uuid}", problem);
        var wanted = new Dictionary<int, InventoryRecord>();
        foreach (var (name, record) in records)
        {
            var id = await classes.IdOfAsync(name, ct)
                ?? throw ApiException.BadRequest($"Unknown resource class in inventory for resource provider {provider.Uuid}: No such resource class {name}.");
            wanted[id] = record;
        }
        var existing = await db.Inventories.AsTracking().Where(i => i.ProviderId == provider.Id).ToListAsync(ct);
        var removed = existing.Where(i => !wanted.ContainsKey(i.ResourceClassId)).ToList();
        if (await InUseAsync(provider, removed.Select(r => r.ResourceClassId), ct) is { Count: > 0 } used)
            throw PlacementErrors.Conflict($"update conflict: Inventory for '{string.Join(", ", used)}' on resource provider '{provider.Uuid}' in use.", PlacementErrors.InventoryInUse);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Inventories.RemoveRange(removed);
        foreach (var (id, record) in wanted)
        {
            var row = existing.FirstOrDefault(i => i.ResourceClassId == id);
            if (row is null)
            {
                row = new InventoryRow { ProviderId = provider.Id, ResourceClassId = id, CreatedAt = now };
                db.Inventories.Add(row);
            }
            record.ApplyTo(row);
            row.UpdatedAt = now;
        }
        ProviderStore.Bump(provider, now);
        await SaveAsync(GenerationConflict, ct);
    }

    /// <summary>PUT …/inventories/{class}: updates an existing inventory (it cannot create one).</summary>
    public async Task<InventoryRow> UpdateAsync(ResourceProviderRow provider, string className, int generation, InventoryRecord record, bool zeroAllowed, CancellationToken ct)
    {
        ProviderStore.Expect(provider, generation, GenerationConflict);
        if (record.CapacityProblem(className, provider.Uuid, zeroAllowed) is { } problem)
            throw InventoryRecord.Invalid($"Unable to update inventory for resource provider {provider.Uuid}", problem);
        var classId = await classes.IdOfAsync(className, ct) ?? throw ApiException.NotFound($"No such resource class {className}.");
        var row = await db.Inventories.AsTracking().FirstOrDefaultAsync(i => i.ProviderId == provider.Id && i.ResourceClassId == classId, ct)
            ?? throw ApiException.BadRequest($"No inventory record with resource class for resource provider {provider.Uuid}: No inventory of class {className} found.");
        var now = clock.GetUtcNow().UtcDateTime;
        record.ApplyTo(row);
        row.UpdatedAt = now;
        ProviderStore.Bump(provider, now);
        await SaveAsync(GenerationConflict, ct);
        return row;
    }

    public async Task DeleteAllAsync(ResourceProviderRow provider, CancellationToken ct)
    {
        var existing = await db.Inventories.AsTracking().Where(i => i.ProviderId == provider.Id).ToListAsync(ct);
        if (await InUseAsync(provider, existing.Select(r => r.ResourceClassId), ct) is { Count: > 0 } used)
            throw PlacementErrors.Conflict($"Inventory for '{string.Join(", ", used)}' on resource provider '{provider.Uuid}' in use.", PlacementErrors.InventoryInUse);
        db.Inventories.RemoveRange(existing);
        ProviderStore.Bump(provider, clock.GetUtcNow().UtcDateTime);
        await SaveAsync($"Unable to delete inventory for resource provider {provider.Uuid} because the inventory was updated by another process. Please retry your request.", ct);
    }

    public async Task DeleteAsync(ResourceProviderRow provider, string className, CancellationToken ct)
    {
        var prefix = $"No inventory of class {className} found for delete";
        var classId = await classes.IdOfAsync(className, ct) ?? throw ApiException.NotFound($"{prefix}: No such resource class {className}.");
        var row = await db.Inventories.AsTracking().FirstOrDefaultAsync(i => i.ProviderId == provider.Id && i.ResourceClassId == classId, ct)
            ?? throw ApiException.NotFound($"{prefix}: {prefix}");
        if ((await InUseAsync(provider, [classId], ct)).Count > 0)
            throw PlacementErrors.Concurrent($"Unable to delete inventory of class {className}: Inventory for '{className}' on resource provider '{provider.Uuid}' in use.");
        db.Inventories.Remove(row);
        ProviderStore.Bump(provider, clock.GetUtcNow().UtcDateTime);
        await SaveAsync($"Unable to delete inventory of class {className}: the resource provider changed concurrently.", ct);
    }

    /// <summary>The names (in class id order) of the given classes that have allocations on the provider.</summary>
    private async Task<List<string>> InUseAsync(ResourceProviderRow provider, IEnumerable<int> classIds, CancellationToken ct)
    {
        var ids = classIds.ToList();
        if (ids.Count == 0) return [];
        var used = await db.Allocations.Where(a => a.ProviderId == provider.Id && ids.Contains(a.ResourceClassId) && a.Used > 0)
            .Select(a => a.ResourceClassId).Distinct().ToListAsync(ct);
        var names = await classes.NamesAsync(ct);
        // Listed by class id, as upstream lists them.
        return used.Order().Select(id => names[id]).ToList();
    }

    private Task SaveAsync(string conflict, CancellationToken ct) => store.SaveAsync(conflict, ct);
}
