using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Storage;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Storage;

namespace SharpStack.Placement.Allocations;

/// <summary>A consumer as the write found (or made) it before its allocations are written: the generation seen then
/// is what the write expects, so a writer that raced past us in between makes this write fail.</summary>
public sealed record EnsuredConsumer(string Uuid, int SeenGeneration, bool Created, string ProjectId, string UserId, int? ConsumerTypeId);

/// <summary>A consumer as read before the write's turn: its generation (null: not there yet), owner and type id.</summary>
public sealed record ConsumerRead(string Uuid, int? Generation, string ProjectId, string UserId, int? TypeId);

/// <summary>Consumer records as upstream's ensure_consumer keeps them: made on first write (a racing creator is found
/// rather than failing us), generation checked at 1.28+. Plain SQL: this runs on every claim.</summary>
public sealed class ConsumerStore(PlacementDb db, AllocationSettings settings, TimeProvider clock, ConsumerTypeIds typeIds)
{
    /// <summary>Ensures every consumer of the request, in order, outside any transaction (the reshaper); on any
    /// failure the ones made so far are deleted again.</summary>
    public async Task<IReadOnlyList<EnsuredConsumer>> EnsureAllAsync(IReadOnlyList<ConsumerAllocations> request, int minor, CancellationToken ct)
    {
        var result = new List<EnsuredConsumer>();
        try
        {
            foreach (var c in request) result.Add(await EnsureAsync(c, minor, ct));
        }
        catch
        {
            await DeleteCreatedAsync(result, CancellationToken.None);
            throw;
        }
        return result;
    }

    /// <summary>Finds or creates the consumer (inside the caller's transaction, if any); 409 when a 1.28+ writer's
    /// consumer_generation does not match.</summary>
    public async Task<EnsuredConsumer> EnsureAsync(ConsumerAllocations c, int minor, CancellationToken ct)
    {
        await using var sql = await DirectSql.OpenAsync(db, ct);
        return await EnsureAsync(sql, await ReadAsync(sql, c, minor, ct), ct);
    }

    /// <summary>The consumer as it is now (before the write's turn), its owner and type id; 409 when a 1.28+ writer's
    /// consumer_generation does not match.</summary>
    public async Task<ConsumerRead> ReadAsync(DirectSql sql, ConsumerAllocations c, int minor, CancellationToken ct)
    {
        // Before 1.8 the body names no owner: such consumers belong to the configured "incomplete" project and user.
        var project = c.ProjectId ?? settings.IncompleteProjectId;
        var user = c.ProjectId is null ? settings.IncompleteUserId : c.UserId!;
        var existing = await FindAsync(sql, c.ConsumerUuid, ct);
        if (existing is { } found)
        {
            if (c.Generation.Checked && found.Generation != c.Generation.Value)
                throw PlacementErrors.Concurrent($"consumer generation conflict - expected {found.Generation} but got {c.Generation.Text}");
        }
        else if (c.Generation.Checked && c.Generation.Value is not null)
            throw PlacementErrors.Concurrent($"consumer generation conflict - expected null but got {c.Generation.Text}");
        int? type = minor >= 38 ? await TypeIdAsync(sql, c.ConsumerType!, ct) : null;
        return new ConsumerRead(c.ConsumerUuid, existing?.Generation, project, user, type);
    }

    /// <summary>Creates the consumer <see cref="ReadAsync"/> did not find (inside the caller's transaction, if any).
    /// A consumer that exists keeps the generation read: the write's guarded update refuses it if it moved since.</summary>
    public async Task<EnsuredConsumer> EnsureAsync(DirectSql sql, ConsumerRead read, CancellationToken ct)
    {
        if (read.Generation is { } generation) return new EnsuredConsumer(read.Uuid, generation, false, read.ProjectId, read.UserId, read.TypeId);
        var now = clock.GetUtcNow().UtcDateTime;
        var made = await sql.QueryAsync(
            """
            INSERT INTO consumers (uuid, project_id, user_id, consumer_type_id, generation, created_at, updated_at)
            VALUES (@u, @p, @us, @t, 0, @now, @now) ON CONFLICT (uuid) DO NOTHING RETURNING id
            """, r => r.GetInt32(0), ct, ("u", read.Uuid), ("p", read.ProjectId), ("us", read.UserId), ("t", read.TypeId), ("now", now));
        if (made.Count > 0) return new EnsuredConsumer(read.Uuid, 0, true, read.ProjectId, read.UserId, read.TypeId);

        // Another request created it first: take theirs, with our type as upstream does.
        var theirs = await FindAsync(sql, read.Uuid, ct) ?? throw AllocationFailure.Concurrent();
        if (theirs.TypeId != read.TypeId)
            await sql.ExecuteAsync("UPDATE consumers SET consumer_type_id = @t WHERE uuid = @u", ct, ("t", read.TypeId), ("u", read.Uuid));
        return new EnsuredConsumer(read.Uuid, theirs.Generation, false, read.ProjectId, read.UserId, read.TypeId);
    }

    private static async Task<(int Generation, int? TypeId)?> FindAsync(DirectSql sql, string uuid, CancellationToken ct)
    {
        var rows = await sql.QueryAsync("SELECT generation, consumer_type_id FROM consumers WHERE uuid = @u",
            r => (r.GetInt32(0), r.IsDBNull(1) ? (int?)null : r.GetInt32(1)), ct, ("u", uuid));
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The id of a consumer type, created on first use.</summary>
    private async Task<int> TypeIdAsync(DirectSql sql, string name, CancellationToken ct)
    {
        if (typeIds.Find(name) is { } known) return known;
        static int Id(DbDataReader r) => r.GetInt32(0);
        var found = await sql.QueryAsync("SELECT id FROM consumer_types WHERE name = @n", Id, ct, ("n", name));
        if (found.Count == 0)
        {
            var made = await sql.QueryAsync("INSERT INTO consumer_types (name, created_at) VALUES (@n, @now) ON CONFLICT (name) DO NOTHING RETURNING id",
                Id, ct, ("n", name), ("now", clock.GetUtcNow().UtcDateTime));
            found = made.Count > 0 ? made : await sql.QueryAsync("SELECT id FROM consumer_types WHERE name = @n", Id, ct, ("n", name));
        }
        typeIds.Keep(name, found[0]);
        return found[0];
    }

    /// <summary>Removes the consumers this request created (its write failed), unless they gained allocations meanwhile.</summary>
    public async Task DeleteCreatedAsync(IEnumerable<EnsuredConsumer> consumers, CancellationToken ct)
    {
        var uuids = consumers.Where(c => c.Created).Select(c => c.Uuid).ToList();
        if (uuids.Count == 0) return;
        db.ChangeTracker.Clear();
        await db.Consumers.Where(c => uuids.Contains(c.Uuid) && !db.Allocations.Any(a => a.ConsumerUuid == c.Uuid)).ExecuteDeleteAsync(ct);
    }

    /// <summary>The name of a consumer type id ("unknown" for consumers without one).</summary>
    public async Task<string> TypeNameAsync(int? id, CancellationToken ct) => id is null
        ? "unknown"
        : await db.ConsumerTypes.AsNoTracking().Where(t => t.Id == id).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? "unknown";
}

/// <summary>Consumer type ids by name, kept for the process: a type is created once and never renamed or removed,
/// so every claim need not look its id up again.</summary>
public sealed class ConsumerTypeIds
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);

    public int? Find(string name) => _ids.TryGetValue(name, out var id) ? id : null;

    public void Keep(string name, int id) => _ids[name] = id;
}
