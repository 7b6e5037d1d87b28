using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Storage;
using SharpStack.Placement.Allocations;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Providers;
using SharpStack.Placement.ResourceClasses;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Reshaper;

/// <summary>POST /reshaper: moves inventory and allocations atomically (placement/objects/reshaper.py). Inventory
/// is first widened to old ∪ new so the new allocations fit and the old ones may still stand, then the allocations
/// are replaced, then each provider's inventory is set to exactly the new one (refused while a removed class is in use).</summary>
public sealed class ReshapeService(PlacementDb db, ConsumerStore consumers, AllocationWriter writer, ResourceClassCatalog classes, TimeProvider clock)
{
    public async Task ReshapeAsync(IReadOnlyList<ProviderInventories> inventories, IReadOnlyList<ConsumerAllocations> allocations, int minor, CancellationToken ct)
    {
        foreach (var inv in inventories)
        {
            var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Uuid == inv.ProviderUuid, ct)
                ?? throw PlacementErrors.BadRequest($"Resource provider {inv.ProviderUuid} in inventories not found: {ProviderStore.NotFoundMessage(inv.ProviderUuid)}",
                    PlacementErrors.ProviderNotFound);
            if (provider.Generation != inv.Generation)
                throw PlacementErrors.Concurrent($"resource provider generation conflict for provider {inv.ProviderUuid}: actual: {provider.Generation}, given: {inv.Generation}");
        }
        var ensured = await consumers.EnsureAllAsync(allocations, minor, ct);
        var plan = await writer.PlanAsync(allocations, ensured, ct);
        try
        {
            await Transactions.RunAsync(db, c => ApplyAsync(inventories, plan, c), ct);
        }
        catch (Exception e)
        {
            // Whatever failed, the consumers made for this reshape go again (upstream's delete_consumers).
            await consumers.DeleteCreatedAsync(ensured, CancellationToken.None);
            if (Refusal(e) is { } refusal) throw refusal;
            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>How the reshaper words a refused step (handlers/reshaper.py); null for unexpected failures.</summary>
    private static Exception? Refusal(Exception e) => e switch
        {
            AllocationFailure { Kind: AllocationFailureKind.UnknownClass } f => PlacementErrors.BadRequest($"malformed reshaper data: {f.Message}"),
            AllocationFailure { Kind: AllocationFailureKind.InventoryInUse } f => PlacementErrors.Conflict($"update conflict: {f.Message}", PlacementErrors.InventoryInUse),
            AllocationFailure { Kind: AllocationFailureKind.InvalidInventory } f => PlacementErrors.Conflict($"Unable to allocate inventory: {f.Message}"),
            AllocationFailure f => PlacementErrors.Concurrent($"update conflict: {f.Message}"),
            DbUpdateConcurrencyException c when c.Entries.Any(x => x.Entity is ConsumerRow) => PlacementErrors.Concurrent($"update conflict: {AllocationFailure.ConcurrentData}"),
            DbUpdateConcurrencyException => PlacementErrors.Concurrent($"update conflict: {AllocationFailure.ConcurrentProvider}"),
            _ => null,
        };

    private async Task ApplyAsync(IReadOnlyList<ProviderInventories> inventories, AllocationPlan plan, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var uuids = inventories.Select(i => i.ProviderUuid).ToList();
        var providers = await db.Providers.AsTracking().Where(p => uuids.Contains(p.Uuid)).ToDictionaryAsync(p => p.Uuid, ct);
        foreach (var inv in inventories)
            if (!providers.TryGetValue(inv.ProviderUuid, out var p) || p.Generation != inv.Generation) throw AllocationFailure.Concurrent(AllocationFailure.ConcurrentProvider);

        // (1) interim inventory: what exists plus what is asked for (an empty request would only replace itself).
        foreach (var inv in inventories.Where(i => i.Records.Count > 0))
            await SetInventoryAsync(providers[inv.ProviderUuid], inv.Records, keepOthers: true, now, ct);
        await db.SaveChangesAsync(ct);

        // (2) the allocations, checked against the interim inventory.
        await writer.ApplyAsync(plan, ct);
        foreach (var p in providers.Values) await db.Entry(p).ReloadAsync(ct);

        // (3) the final inventory.
        foreach (var inv in inventories)
            await SetInventoryAsync(providers[inv.ProviderUuid], inv.Records, keepOthers: false, now, ct);
    }

    /// <summary>upstream's _set_inventory on a tracked provider: unknown classes fail first, removing a class with
    /// allocations fails, and the generation moves by one.</summary>
    private async Task SetInventoryAsync(ResourceProviderRow provider, IReadOnlyList<InventoryRecord> records, bool keepOthers, DateTime now, CancellationToken ct)
    {
        var wanted = new Dictionary<int, InventoryRecord>();
        foreach (var r in records)
            wanted[await classes.IdOfAsync(r.ResourceClass, ct) ?? throw AllocationFailure.UnknownClass(r.ResourceClass)] = r;
        var existing = await db.Inventories.AsTracking().Where(i => i.ProviderId == provider.Id).ToListAsync(ct);
        if (!keepOthers)
        {
            var removed = existing.Where(i => !wanted.ContainsKey(i.ResourceClassId)).Select(i => i.ResourceClassId).ToList();
            if (removed.Count > 0)
            {
                var inUse = await db.Allocations.Where(a => a.ProviderId == provider.Id && removed.Contains(a.ResourceClassId))
                    .Select(a => a.ResourceClassId).Distinct().OrderBy(id => id).ToListAsync(ct);
                if (inUse.Count > 0)
                {
                    var names = new List<string>();
                    foreach (var id in inUse) names.Add(await classes.NameOfAsync(id, ct));
                    throw AllocationFailure.InventoryInUse(string.Join(", ", names), provider.Uuid);
                }
                db.Inventories.RemoveRange(existing.Where(i => removed.Contains(i.ResourceClassId)));
            }
        }
        foreach (var (classId, r) in wanted)
        {
            var row = existing.FirstOrDefault(i => i.ResourceClassId == classId);
            if (row is null)
            {
                row = new InventoryRow { ProviderId = provider.Id, ResourceClassId = classId, CreatedAt = now };
                db.Inventories.Add(row);
            }
            row.Total = r.Total;
            row.Reserved = r.Reserved;
            row.MinUnit = r.MinUnit;
            row.MaxUnit = r.MaxUnit;
            row.StepSize = r.StepSize;
            row.AllocationRatio = r.AllocationRatio;
            row.UpdatedAt = now;
        }
        ProviderStore.Bump(provider, now);
    }
}
