using System.Globalization;
using SharpStack.Core.Storage;
using SharpStack.Placement.Storage;

namespace SharpStack.Placement.Allocations;

/// <summary>Replaces consumers' allocations the way upstream's replace_all does: each consumer's old allocations go,
/// the new ones must fit (inventory present, min/max/step, capacity as a float), every provider involved moves its
/// generation and every consumer written moves its own. The provider generations are the concurrency guard: the
/// capacity was computed from usage read after the generation, so if another writer moved a provider before we
/// commit, our UPDATE ... WHERE generation = seen touches nothing, the unit rolls back and is tried again (on SQLite
/// writers take turns, so this only happens on PostgreSQL).
/// This is the claim path of every boot, so it speaks plain SQL (see <see cref="DirectSql"/>).</summary>
public sealed class AllocationWriter(PlacementDb db, ConsumerStore consumers, AllocationSettings settings, TimeProvider clock)
{
    /// <summary>PUT/POST in one transaction: ensures the consumers, checks the providers exist (400, keeping the
    /// consumers it made, as upstream does), then writes, retried while providers move under it. A write that fails
    /// otherwise leaves nothing behind (upstream deletes the consumers it made).</summary>
    public async Task WriteAsync(IReadOnlyList<ConsumerAllocations> request, int minor, CancellationToken ct)
    {
        // One connection for the whole request: the reads, and the shared commit when this request runs it.
        await using var reading = await DirectSql.OpenAsync(db, ct);
        for (var attempt = 0; ; attempt++)
        {
            // Reads first, outside the write turn (on SQLite one writer at a time): consumers (409 on a stale
            // consumer_generation) and the named providers' generations. What moves after this is caught by the
            // guarded updates at the end of the write, which then starts again.
            var reads = new List<ConsumerRead>();
            foreach (var consumer in request) reads.Add(await consumers.ReadAsync(reading, consumer, minor, ct));
            var known = await ProvidersAsync(reading, Named(request), ct);
            try
            {
                // On SQLite claims queued behind the current writer share its next commit (GroupCommit).
                var missing = await GroupCommit.RunAsync(db, async (sql, c) =>
                {
                    var ensured = new List<EnsuredConsumer>();
                    foreach (var read in reads) ensured.Add(await consumers.EnsureAsync(sql, read, c));
                    var (plan, missingProvider) = await TryPlanAsync(sql, request, ensured, c, known);
                    if (plan is null) return missingProvider;
                    // allocation_conflict_retry_count is the number of attempts: with none, upstream reports a conflict.
                    if (settings.ConflictRetryCount <= 0) throw AllocationFailure.Concurrent(AllocationFailure.ConcurrentProvider);
                    await ApplyAsync(sql, plan, c, known);
                    return null;
                }, ct);
                if (missing is not null) throw AllocationErrors.MissingProvider(missing);
                return;
            }
            catch (AllocationFailure f) when (f.ProviderMoved && attempt + 1 < settings.ConflictRetryCount)
            {
            }
        }
    }

    /// <summary>Turns the request into allocations: named providers must exist (400 otherwise); an empty set means
    /// removing what the consumer holds now.</summary>
    public async Task<AllocationPlan> PlanAsync(IReadOnlyList<ConsumerAllocations> request, IReadOnlyList<EnsuredConsumer> ensured, CancellationToken ct)
    {
        await using var sql = await DirectSql.OpenAsync(db, ct);
        var (plan, missing) = await TryPlanAsync(sql, request, ensured, ct);
        return plan ?? throw AllocationErrors.MissingProvider(missing!);
    }

    private static async Task<(AllocationPlan? Plan, string? MissingProvider)> TryPlanAsync(DirectSql sql,
        IReadOnlyList<ConsumerAllocations> request, IReadOnlyList<EnsuredConsumer> ensured, CancellationToken ct,
        Dictionary<string, (int Id, int Generation)>? known = null)
    {
        var existing = known ?? await ProvidersAsync(sql, Named(request), ct);
        var planned = new List<PlannedAllocation>();
        foreach (var c in request)
        {
            if (c.Providers.Count > 0)
            {
                foreach (var p in c.Providers)
                {
                    if (!existing.ContainsKey(p.ProviderUuid)) return (null, p.ProviderUuid);
                    planned.AddRange(p.Resources.Select(r => new PlannedAllocation(c.ConsumerUuid, p.ProviderUuid, r.Key, r.Value)));
                }
            }
            else
            {
                var held = await sql.QueryAsync(
                    """
                    SELECT rp.uuid, rc.name FROM allocations a
                    JOIN resource_providers rp ON rp.id = a.provider_id
                    JOIN resource_classes rc ON rc.id = a.resource_class_id
                    WHERE a.consumer_uuid = @c ORDER BY a.id
                    """, r => (Provider: r.GetString(0), Class: r.GetString(1)), ct, ("c", c.ConsumerUuid));
                planned.AddRange(held.Select(h => new PlannedAllocation(c.ConsumerUuid, h.Provider, h.Class, 0)));
            }
        }
        return (new AllocationPlan(ensured, planned), null);
    }

    /// <summary>The providers the request names, once each.</summary>
    private static List<string> Named(IReadOnlyList<ConsumerAllocations> request) =>
        request.SelectMany(c => c.Providers).Select(p => p.ProviderUuid).Distinct().ToList();

    /// <summary>(id, generation) of the providers with these uuids that exist.</summary>
    private static async Task<Dictionary<string, (int Id, int Generation)>> ProvidersAsync(DirectSql sql, List<string> uuids, CancellationToken ct)
    {
        var result = new Dictionary<string, (int Id, int Generation)>(StringComparer.Ordinal);
        if (uuids.Count == 0) return result;
        var args = new List<(string, object?)>();
        foreach (var p in await sql.QueryAsync($"SELECT uuid, id, generation FROM resource_providers WHERE uuid IN ({DirectSql.InList("p", uuids, args)})",
                     r => (Uuid: r.GetString(0), Id: r.GetInt32(1), Generation: r.GetInt32(2)), ct, [.. args]))
            result[p.Uuid] = (p.Id, p.Generation);
        return result;
    }

    /// <summary>Applies the plan inside the caller's transaction (the reshaper calls this between its inventory
    /// steps, then re-reads the providers it tracks: their generations moved here).</summary>
    public async Task ApplyAsync(AllocationPlan plan, CancellationToken ct)
    {
        await using var sql = await DirectSql.OpenAsync(db, ct);
        await ApplyAsync(sql, plan, ct, null);
    }

    private async Task ApplyAsync(DirectSql sql, AllocationPlan plan, CancellationToken ct, Dictionary<string, (int Id, int Generation)>? known)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        // Providers first: their generation must be read before the usage it guards.
        var providerUuids = plan.Allocations.Select(a => a.ProviderUuid).Distinct().ToList();
        var providers = new Dictionary<string, (int Id, int Generation)>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var uuid in providerUuids)
        {
            if (known is not null && known.TryGetValue(uuid, out var p)) providers[uuid] = p;
            else unknown.Add(uuid);
        }
        foreach (var (uuid, p) in await ProvidersAsync(sql, unknown, ct)) providers[uuid] = p;
        if (providers.Count != providerUuids.Count) throw AllocationFailure.Concurrent(AllocationFailure.ConcurrentProvider);

        var written = plan.Allocations.Select(a => a.ConsumerUuid).Distinct().ToList();
        // A consumer made by this write holds nothing yet (allocations never outlive their consumer).
        var holdingBefore = written.Where(u => !plan.Consumers.Any(c => c.Created && c.Uuid == u)).ToList();
        if (holdingBefore.Count > 0)
        {
            var args = new List<(string, object?)>();
            await sql.ExecuteAsync($"DELETE FROM allocations WHERE consumer_uuid IN ({DirectSql.InList("c", holdingBefore, args)})", ct, [.. args]);
        }

        var classIds = await CheckCapacityAsync(sql, plan.Allocations, providers, ct);

        var fresh = plan.Allocations.Where(a => a.Used > 0).ToList();
        if (fresh.Count > 0)
        {
            var args = new List<(string, object?)> { ("now", now) };
            var rows = string.Join(", ", fresh.Select((a, i) =>
            {
                args.Add(("p" + i, providers[a.ProviderUuid].Id));
                args.Add(("c" + i, a.ConsumerUuid));
                args.Add(("r" + i, classIds[a.ResourceClass]));
                args.Add(("u" + i, (int)a.Used));
                return $"(@p{i}, @c{i}, @r{i}, @u{i}, @now, @now)";
            }));
            await sql.ExecuteAsync($"INSERT INTO allocations (provider_id, consumer_uuid, resource_class_id, used, created_at, updated_at) VALUES {rows}", ct, [.. args]);
        }

        foreach (var (id, generation) in providers.Values)
            if (await sql.ExecuteAsync("UPDATE resource_providers SET generation = generation + 1, updated_at = @now WHERE id = @id AND generation = @g",
                    ct, ("now", now), ("id", id), ("g", generation)) == 0)
                throw AllocationFailure.Moved();

        var holding = fresh.Select(a => a.ConsumerUuid).ToHashSet(StringComparer.Ordinal);
        foreach (var c in plan.Consumers)
        {
            // The request's owner (and type at 1.38+) replace the stored ones; only a written consumer moves its
            // generation, and one left without allocations is forgotten (its next writer sends null again).
            var isWritten = written.Contains(c.Uuid);
            var changed = isWritten && !holding.Contains(c.Uuid)
                ? await sql.ExecuteAsync("DELETE FROM consumers WHERE uuid = @u AND generation = @g", ct, ("u", c.Uuid), ("g", c.SeenGeneration))
                : await sql.ExecuteAsync(
                    """
                    UPDATE consumers SET project_id = @p, user_id = @us, consumer_type_id = COALESCE(@t, consumer_type_id),
                        generation = generation + @step, updated_at = CASE WHEN @step = 1 THEN @now ELSE updated_at END
                    WHERE uuid = @u AND generation = @g
                    """, ct, ("p", c.ProjectId), ("us", c.UserId), ("t", c.ConsumerTypeId), ("step", isWritten ? 1 : 0), ("now", now),
                    ("u", c.Uuid), ("g", c.SeenGeneration));
            // Zero rows: the consumer moved (or went) since it was ensured.
            if (changed == 0) throw AllocationFailure.Concurrent();
        }
    }

    /// <summary>upstream's _check_capacity_exceeded, after the written consumers' own allocations were removed: returns
    /// the class ids by name.</summary>
    private static async Task<Dictionary<string, int>> CheckCapacityAsync(DirectSql sql, IReadOnlyList<PlannedAllocation> allocations,
        Dictionary<string, (int Id, int Generation)> providers, CancellationToken ct)
    {
        var classIds = new Dictionary<string, int>(StringComparer.Ordinal);
        if (allocations.Count == 0) return classIds;
        var custom = new List<string>();
        foreach (var name in allocations.Select(a => a.ResourceClass).Distinct())
        {
            if (StandardData.StandardClassId(name) is { } standard) classIds[name] = standard;
            else custom.Add(name);
        }
        var args = new List<(string, object?)>();
        if (custom.Count > 0)
            foreach (var (id, name) in await sql.QueryAsync($"SELECT id, name FROM resource_classes WHERE name IN ({DirectSql.InList("n", custom, args)})",
                         r => (r.GetInt32(0), r.GetString(1)), ct, [.. args]))
                classIds[name] = id;
        foreach (var a in allocations)
            if (!classIds.ContainsKey(a.ResourceClass)) throw AllocationFailure.UnknownClass(a.ResourceClass);

        var providerIds = providers.Values.Select(p => p.Id).Distinct().ToList();
        var rcIds = classIds.Values.Distinct().ToList();
        args.Clear();
        var filter = $"i.provider_id IN ({DirectSql.InList("p", providerIds, args)}) AND i.resource_class_id IN ({DirectSql.InList("r", rcIds, args)})";
        // Each inventory with its class's usage on that provider (a class without inventory is refused before its
        // usage would matter).
        var inventories = (await sql.QueryAsync(
                $"""
                SELECT i.provider_id, i.resource_class_id, i.total, i.reserved, i.min_unit, i.max_unit, i.step_size, i.allocation_ratio,
                       (SELECT COALESCE(SUM(a.used), 0) FROM allocations a WHERE a.provider_id = i.provider_id AND a.resource_class_id = i.resource_class_id)
                FROM inventories i WHERE {filter}
                """,
                r => new Inventory(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetDouble(7),
                    Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture)),
                ct, [.. args]))
            .ToDictionary(i => (i.ProviderId, i.ClassId));
        var withInventory = inventories.Keys.Select(k => k.ProviderId).ToHashSet();
        var missing = allocations.Select(a => a.ProviderUuid).Distinct().Where(u => !withInventory.Contains(providers[u].Id)).ToList();
        if (missing.Count > 0)
        {
            var byId = classIds.ToDictionary(kv => kv.Value, kv => kv.Key);
            throw AllocationFailure.InvalidInventory(string.Join(", ", rcIds.Order().Select(id => byId[id])), string.Join(", ", missing));
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
            var used = inv.Used;
            var capacity = (inv.Total - (double)inv.Reserved) * inv.AllocationRatio;
            if (capacity < used + a.Used || capacity < used + requested[key])
                throw AllocationFailure.CapacityExceeded(a.ResourceClass, a.ProviderUuid);
        }
        return classIds;
    }

    private sealed record Inventory(int ProviderId, int ClassId, int Total, int Reserved, int MinUnit, int MaxUnit, int StepSize, double AllocationRatio, long Used);
}
