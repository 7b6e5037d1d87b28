using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace SharpStack.Core.Storage;

/// <summary>One writer at a time per SQLite file within this process. SQLite allows one write transaction per file;
/// without this, writers that find the file locked sleep and poll (busy_timeout), leaving the lock idle between
/// polls. Queued here they take over the moment the previous one commits. Other processes still meet the file lock
/// and wait for it through busy_timeout.</summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, Lane> Lanes = new(StringComparer.Ordinal);

    /// <summary>Waits for the database's write turn: null for databases other than SQLite (they lock rows themselves).</summary>
    public static async Task<IDisposable?> EnterAsync(DbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return null;
        var lane = LaneOf(db);
        await lane.Turn.WaitAsync(ct);
        return new Turn(lane.Turn);
    }

    /// <summary>The write lane of a SQLite database: its turn and the units waiting for a shared commit.</summary>
    internal static Lane LaneOf(DbContext db) => Lanes.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new Lane());

    /// <summary>Waits for the write turn unless <paramref name="done"/> fires first (null then: no turn taken).</summary>
    internal static async Task<IDisposable?> EnterUnlessAsync(Lane lane, CancellationToken done, CancellationToken ct)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(done, ct);
        try
        {
            await lane.Turn.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return null;
        }
        return new Turn(lane.Turn);
    }

    /// <summary>A SQLite file's writer turn and the queue of <see cref="GroupCommit"/> units.</summary>
    internal sealed class Lane
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);
        public ConcurrentQueue<GroupCommit.Unit> Queue { get; } = new();
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
