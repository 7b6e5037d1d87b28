using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Common;

/// <summary>A number that changes whenever identity data changes. In-memory caches (validated tokens,
/// catalogs, role closures) are keyed by it: a write here invalidates them at once; a write by another
/// Identity process sharing the database is noticed within <see cref="PollInterval"/>.</summary>
public sealed class IdentityRevision(IServiceProvider services, TimeProvider time)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private const string RowName = "identity";

    private long _local;
    private long _database;
    private long _lastPollTicks;
    private int _polling;

    /// <summary>The current revision: changes after every committed write, local or remote.</summary>
    public long Current
    {
        get
        {
            var now = time.GetTimestamp();
            if (time.GetElapsedTime(Interlocked.Read(ref _lastPollTicks), now) >= PollInterval && Interlocked.Exchange(ref _polling, 1) == 0)
            {
                Interlocked.Exchange(ref _lastPollTicks, now);
                _ = PollAsync();
            }
            return Interlocked.Read(ref _local) * 1_000_003 + Interlocked.Read(ref _database);
        }
    }

    /// <summary>Records that this process changed identity data (call after the change is committed).</summary>
    public async Task BumpAsync(IdentityDb db, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _local);
        var updated = await db.Revisions.Where(r => r.Name == RowName)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Value, r => r.Value + 1), ct);
        if (updated == 0)
        {
            try
            {
                db.Revisions.Add(new RevisionRow { Name = RowName, Value = 1 });
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another process inserted the row first; its increment is as good as ours.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        _database = await ReadAsync(db, ct);
    }

    private async Task PollAsync()
    {
        try
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            Interlocked.Exchange(ref _database, await ReadAsync(db, CancellationToken.None));
        }
        catch (Exception)
        {
            // A failed poll (database briefly away) keeps the current revision; the next poll retries.
        }
        finally
        {
            Interlocked.Exchange(ref _polling, 0);
        }
    }

    private static async Task<long> ReadAsync(IdentityDb db, CancellationToken ct) =>
        await db.Revisions.Where(r => r.Name == RowName).Select(r => r.Value).FirstOrDefaultAsync(ct);
}
