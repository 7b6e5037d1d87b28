using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Storage;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Storage;

namespace SharpStack.Placement.Allocations;

/// <summary>DELETE /allocations/{consumer_uuid}: removes everything the consumer holds and the consumer itself. Like
/// upstream it checks no generation and moves none (freeing capacity cannot over-allocate anyone).</summary>
public sealed class AllocationDeleter(PlacementDb db)
{
    public async Task DeleteAsync(string consumerUuid, CancellationToken ct)
    {
        var deleted = await Transactions.RunAsync(db, async c =>
        {
            var ids = await (from a in db.Allocations
                             join k in db.Consumers on a.ConsumerUuid equals k.Uuid
                             where a.ConsumerUuid == consumerUuid
                             select a.Id).ToListAsync(c);
            if (ids.Count == 0) return false;
            await db.Allocations.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(c);
            await db.Consumers.Where(k => k.Uuid == consumerUuid && !db.Allocations.Any(a => a.ConsumerUuid == k.Uuid)).ExecuteDeleteAsync(c);
            return true;
        }, ct);
        if (!deleted) throw PlacementErrors.NotFound($"No allocations for consumer '{consumerUuid}'");
    }
}
