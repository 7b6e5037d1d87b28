using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Storage;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Allocations;

/// <summary>A consumer as the write found (or made) it before the allocation transaction: the generation seen then
/// is what the transaction expects, so a writer that raced past us in between makes this write fail.</summary>
public sealed record EnsuredConsumer(string Uuid, int SeenGeneration, bool Created, string ProjectId, string UserId, int? ConsumerTypeId);

/// <summary>Consumer records as upstream's ensure_consumer keeps them: made on first write in their own small
/// transaction (so a racing creator is found rather than failing us), generation checked at 1.28+, and removed again
/// when the write they were made for fails.</summary>
public sealed class ConsumerStore(PlacementDb db, AllocationSettings settings, TimeProvider clock)
{
    /// <summary>Ensures every consumer of the request, in order; on any failure the ones made so far are deleted.</summary>
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

    /// <summary>Finds or creates the consumer; 409 when a 1.28+ writer's consumer_generation does not match.</summary>
    public async Task<EnsuredConsumer> EnsureAsync(ConsumerAllocations c, int minor, CancellationToken ct)
    {
        // Before 1.8 the body names no owner: such consumers belong to the configured "incomplete" project and user.
        var project = c.ProjectId ?? settings.IncompleteProjectId;
        var user = c.ProjectId is null ? settings.IncompleteUserId : c.UserId!;
        var existing = await db.Consumers.AsNoTracking().FirstOrDefaultAsync(x => x.Uuid == c.ConsumerUuid, ct);
        if (existing is not null)
        {
            if (c.Generation.Checked && existing.Generation != c.Generation.Value)
                throw PlacementErrors.Concurrent($"consumer generation conflict - expected {existing.Generation} but got {c.Generation.Text}");
            int? type = minor >= 38 ? await TypeIdAsync(c.ConsumerType!, ct) : null;
            return new EnsuredConsumer(existing.Uuid, existing.Generation, false, project, user, type);
        }
        if (c.Generation.Checked && c.Generation.Value is not null)
            throw PlacementErrors.Concurrent($"consumer generation conflict - expected null but got {c.Generation.Text}");
        int? typeId = minor >= 38 ? await TypeIdAsync(c.ConsumerType!, ct) : null;
        return await CreateAsync(c.ConsumerUuid, project, user, typeId, ct);
    }

    private async Task<EnsuredConsumer> CreateAsync(string uuid, string project, string user, int? typeId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var row = new ConsumerRow { Uuid = uuid, ProjectId = project, UserId = user, ConsumerTypeId = typeId, Generation = 0, CreatedAt = now, UpdatedAt = now };
        db.Consumers.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return new EnsuredConsumer(uuid, 0, true, project, user, typeId);
        }
        catch (DbUpdateException)
        {
            // Another request created it first: take theirs, with our type as upstream does.
            db.ChangeTracker.Clear();
            var theirs = await db.Consumers.AsNoTracking().FirstOrDefaultAsync(x => x.Uuid == uuid, ct);
            if (theirs is null) throw;
            if (theirs.ConsumerTypeId != typeId)
                await db.Consumers.Where(x => x.Id == theirs.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ConsumerTypeId, typeId), ct);
            return new EnsuredConsumer(uuid, theirs.Generation, false, project, user, typeId);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The id of a consumer type, created on first use.</summary>
    public async Task<int> TypeIdAsync(string name, CancellationToken ct)
    {
        var id = await db.ConsumerTypes.AsNoTracking().Where(t => t.Name == name).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        if (id is not null) return id.Value;
        var row = new ConsumerTypeRow { Name = name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.ConsumerTypes.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return row.Id;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await db.ConsumerTypes.AsNoTracking().Where(t => t.Name == name).Select(t => t.Id).FirstAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
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
