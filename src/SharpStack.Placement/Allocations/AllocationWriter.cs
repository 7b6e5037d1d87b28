using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Storage;
using SharpStack.Placement.Providers;
using SharpStack.Placement.ResourceClasses;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Allocations;

/// <summary>Replaces consumers' allocations the way upstream's replace_all does: each consumer's old allocations go,
/// the new ones must fit (inventory present, min/max/step, capacity as a float), every provider involved moves its
/// generation and every consumer written moves its own. The provider generations are the concurrency guard: the
/// capacity was computed from usage read after the generation, so if another writer moved a provider before we
/// commit, our UPDATE ... WHERE generation = seen touches nothing, the unit rolls back and is tried again.</summary>
public sealed class AllocationWriter(PlacementDb db, ConsumerStore consumers, ResourceClassCatalog classes, AllocationSettings settings, TimeProvider clock)
{
    /// <summary>PUT/POST: ensures the consumers, checks the providers exist (400), then writes with retries. Consumers
    /// this request created are deleted again if the write fails (not after the 400: upstream leaves them).</summary>
    public async Task WriteAsync(IReadOnlyList<ConsumerAllocations> request, int minor, CancellationToken ct)
    {
        var ensured = await consumers.EnsureAllAsync(request, minor, ct);
        var plan = await PlanAsync(request, ensured, ct);
        try
        {
            await CommitAsync(plan, ct);
        }
        catch
        {
            await consumers.DeleteCreatedAsync(ensured, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Turns the request into allocations: named providers must exist (400 otherwise); an empty set means
    /// removing what the consumer holds now.</summary>
    public async Task<AllocationPlan> PlanAsync(IReadOnlyList<ConsumerAllocations> request, IReadOnlyList<EnsuredConsumer> ensured, CancellationToken ct)
    {
        var planned = new List<PlannedAllocation>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in request)
        {
            if (c.Providers.Count > 0)
            {
                foreach (var p in c.Providers)
                {
                    if (!known.Contains(p.ProviderUuid))
                    {
                        if (!await db.Providers.AnyAsync(x => x.Uuid == p.ProviderUuid, ct)) throw AllocationErrors.MissingProvider(p.ProviderUuid);
                        known.Add(p.ProviderUuid);
                    }
                    planned.AddRange(p.Resources.Select(r => new PlannedAllocation(c.ConsumerUuid, p.ProviderUuid, r.Key, r.Value)));
                }
            }
            else
            {
                var held = await (from a in db.Allocations
                                  join rp in db.Providers on a.ProviderId equals rp.Id
                                  where a.ConsumerUuid == c.ConsumerUuid
                                  orderby a.Id
                                  select new { rp.Uuid, a.ResourceClassId }).ToListAsync(ct);
                foreach (var h in held)
                    planned.Add(new PlannedAllocation(c.ConsumerUuid, h.Uuid, await classes.NameOfAsync(h.ResourceClassId, ct), 0));
            }
        }
        return new AllocationPlan(ensured, planned);
    }

    /// <summary>Writes the plan in one transaction, retried ([placement] allocation_conflict_retry_count times in all)
    /// while providers move under it; a consumer that moved fails at once (upstream does not retry that).</summary>
    public async Task CommitAsync(AllocationPlan plan, CancellationToken ct)
    {
        for (var attempt = 0; attempt < settings.ConflictRetryCount; attempt++)
        {
            try
            {
                await Transactions.RunAsync(db, c => ApplyAsync(plan, c), ct);
                return;
            }
            catch (DbUpdateConcurrencyException e)
            {
                if (e.Entries.Any(x => x.Entity is ConsumerRow)) throw AllocationFailure.Concurrent();
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        throw AllocationFailure.Concurrent(AllocationFailure.ConcurrentProvider);
    }

    /// <summary>Applies the plan inside the caller's transaction (the reshaper calls this between its inventory
    /// steps); changes are tracked and saved by the caller.</summary>
    public async Task ApplyAsync(AllocationPlan plan, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Providers first: their generation must be read before the usage it guards.
        var providerUuids = plan.Allocations.Select(a => a.ProviderUuid).Distinct().ToList();
        var providers = await db.Providers.AsTracking().Where(p => providerUuids.Contains(p.Uuid)).ToDictionaryAsync(p => p.Uuid, ct);
        if (providers.Count != providerUuids.Count) throw AllocationFailure.Concurrent(AllocationFailure.ConcurrentProvider);

        var consumerUuids = plan.Consumers.Select(c => c.Uuid).ToList();
        var rows = await db.Consumers.AsTracking().Where(c => consumerUuids.Contains(c.Uuid)).ToDictionaryAsync(c => c.Uuid, ct);
        foreach (var c in plan.Consumers)
        {
            if (!rows.TryGetValue(c.Uuid, out var row) || row.Generation != c.SeenGeneration) throw AllocationFailure.Concurrent();
            // The request's owner (and type at 1.38+) replace the stored ones; this alone does not move the generation.
            row.ProjectId = c.ProjectId;
            row.UserId = c.UserId;
            if (c.ConsumerTypeId is not null) row.ConsumerTypeId = c.ConsumerTypeId;
        }

        var written = plan.Allocations.Select(a => a.ConsumerUuid).Distinct().ToList();
        await db.Allocations.Where(a => written.Contains(a.ConsumerUuid)).ExecuteDeleteAsync(ct);

        var classIds = await CheckCapacityAsync(plan.Allocations, providers, ct);

        foreach (var a in plan.Allocations.Where(a => a.Used > 0))
            db.Allocations.Add(new AllocationRow
            {
                ProviderId = providers[a.ProviderUuid].Id, ConsumerUuid = a.ConsumerUuid, ResourceClassId = classIds[a.ResourceClass],
                Used = (int)a.Used, CreatedAt = now, UpdatedAt = now,
            });
        foreach (var p in providers.Values) ProviderStore.Bump(p, now);
        var holding = plan.Allocations.Where(a => a.Used > 0).Select(a => a.ConsumerUuid).ToHashSet();
        foreach (var uuid in written)
        {
            var row = rows[uuid];
            row.Generation++;
            row.UpdatedAt = now;
            // A consumer left without allocations is forgotten (its next writer sends null again).
            if (!holding.Contains(uuid)) db.Consumers.Remove(row);
        }
    }

    /// <summary>upstream's _check_capacity_exceeded, after the written consumers' own allocations were removed: returns
    /// the class ids by name.</summary>
    private async Task<Dictionary<string, int>> CheckCapacityAsync(IReadOnlyList<PlannedAllocation> allocations, Dictionary<string, ResourceProviderRow> providers, CancellationToken ct)
    {
        var classIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in allocations)
            if (!classIds.ContainsKey(a.ResourceClass))
                classIds[a.ResourceClass] = await classes.IdOfAsync(a.ResourceClass, ct) ?? throw AllocationFailure.UnknownClass(a.ResourceClass);
        if (allocations.Count == 0) return classIds;

        var rcIds = classIds.Values.Distinct().ToList();
        var providerIds = providers.Values.Select(p => p.Id).ToList();
        var inventories = await db.Inventories.AsNoTracking()
            .Where(i => providerIds.Contains(i.ProviderId) && rcIds.Contains(i.ResourceClassId))
            .ToDictionaryAsync(i => (i.ProviderId, i.ResourceClassId), ct);
        var usage = await db.Allocations.AsNoTracking()
            .Where(a => providerIds.Contains(a.ProviderId) && rcIds.Contains(a.ResourceClassId))
            .GroupBy(a => new { a.ProviderId, a.ResourceClassId })
            .Select(g => new { g.Key.ProviderId, g.Key.ResourceClassId, Used = g.Sum(a => (long)a.Used) })
            .ToDictionaryAsync(u => (u.ProviderId, u.ResourceClassId), u => u.Used, ct);

        var withInventory = inventories.Keys.Select(k => k.ProviderId).ToHashSet();
        var missing = allocations.Select(a => a.ProviderUuid).Distinct().Where(u => !withInventory.Contains(providers[u].Id)).ToList();
        if (missing.Count > 0)
        {
            var names = new List<string>();
            foreach (var id in rcIds.Order()) names.Add(await classes.NameOfAsync(id, ct));
            throw AllocationFailure.InvalidInventory(string.Join(", ", names), string.Join(", ", missing));
        }

        var requested = new Dictionary<(int, int), long>();
        foreach (var a in allocations)
        {
            var key = (providers[a.ProviderUuid].Id, classIds[a.ResourceClass]);
            requested[key] = requested.GetValueOrDefault(key) + a.Used;
            if (a.Used == 0) continue;
            if (!inventories.TryGetValue(key, out var inv)) throw AllocationFailure.InvalidInventory(a.ResourceClass, a.ProviderUuid);
            if (a.Used < inv.MinUnit || a.Used > inv.MaxUnit || a.Used % inv.StepSize != 0)
                throw AllocationFailure.ConstraintsViolated(a.ResourceClass, a.ProviderUuid);
            var used = usage.GetValueOrDefault(key);
            var capacity = (inv.Total - (double)inv.Reserved) * inv.AllocationRatio;
            if (capacity < used + a.Used || capacity < used + requested[key])
                throw AllocationFailure.CapacityExceeded(a.ResourceClass, a.ProviderUuid);
        }
        return classIds;
    }
}
