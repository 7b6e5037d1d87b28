using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace SharpStack.Core.Storage;

/// <summary>Runs small plain-SQL write units (a claim) in a transaction. On SQLite, units that queue while another
/// writer holds the turn share the next transaction, each in its own savepoint: one commit for several units, which
/// is most of a small write's cost there. A unit that throws is rolled back alone and its caller gets the exception;
/// the others commit. Nobody hears of success before the shared commit. Whoever gets the turn runs the queue on its
/// own connection, so a unit must use only the <see cref="DirectSql"/> it is given. On PostgreSQL each unit is its own
/// transaction (rows lock; writers run side by side), retried as <see cref="Transactions"/> does.</summary>
public static class GroupCommit
{
    /// <summary>Most units per shared transaction, so that one turn stays short.</summary>
    private const int MaxUnits = 32;

    public static async Task<T> RunAsync<T>(DbContext db, Func<DirectSql, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
            return await Transactions.RunAsync(db, async c =>
            {
                await using var sql = await DirectSql.OpenAsync(db, c);
                return await work(sql, c);
            }, ct);

        var lane = SqliteWriteGate.LaneOf(db);
        var unit = new Unit<T>(work, ct);
        lane.Queue.Enqueue(unit);
        while (!unit.Finished.IsCancellationRequested)
        {
            // Another writer may run our unit while we wait: then we are done without a turn.
            using var turn = await SqliteWriteGate.EnterUnlessAsync(lane, unit.Finished, ct);
            if (turn is null) break;
            while (!unit.Finished.IsCancellationRequested)
                if (!await RunQueuedAsync(db, lane.Queue))
                    throw new InvalidOperationException("group commit: a unit left the queue unfinished");
        }
        return await unit.Result;
    }

    /// <summary>Runs up to <see cref="MaxUnits"/> queued units in one transaction; false when the queue was empty.</summary>
    private static async Task<bool> RunQueuedAsync(DbContext db, System.Collections.Concurrent.ConcurrentQueue<Unit> queue)
    {
        var units = new List<Unit>();
        while (units.Count < MaxUnits && queue.TryDequeue(out var next)) units.Add(next);
        if (units.Count == 0) return false;
        var succeeded = new List<Unit>();
        try
        {
            db.ChangeTracker.Clear();
            await using var sql = await DirectSql.OpenAsync(db, CancellationToken.None);
            await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
            for (var i = 0; i < units.Count; i++)
            {
                var unit = units[i];
                if (unit.Cancellation.IsCancellationRequested)
                {
                    unit.Fail(new OperationCanceledException(unit.Cancellation));
                    continue;
                }
                var savepoint = "unit" + i;
                await tx.CreateSavepointAsync(savepoint, CancellationToken.None);
                try
                {
                    await unit.RunAsync(sql);
                    await tx.ReleaseSavepointAsync(savepoint, CancellationToken.None);
                    succeeded.Add(unit);
                }
                catch (Exception e)
                {
                    await tx.RollbackToSavepointAsync(savepoint, CancellationToken.None);
                    await tx.ReleaseSavepointAsync(savepoint, CancellationToken.None);
                    unit.Fail(e);
                }
            }
            await tx.CommitAsync(CancellationToken.None);
            foreach (var unit in succeeded) unit.Succeed();
        }
        catch (Exception e)
        {
            // The transaction itself failed (disk full, I/O): none of it was committed.
            foreach (var unit in units) unit.Fail(e);
        }
        return true;
    }

    /// <summary>A queued unit of work; its caller waits on it.</summary>
    internal abstract class Unit
    {
        private readonly CancellationTokenSource _finished = new();

        protected Unit(CancellationToken cancellation) => Cancellation = cancellation;

        public CancellationToken Cancellation { get; }

        /// <summary>Fires once the unit has its outcome.</summary>
        public CancellationToken Finished => _finished.Token;

        public abstract Task RunAsync(DirectSql sql);

        /// <summary>Reports the result kept by <see cref="RunAsync"/> (after the commit).</summary>
        public abstract void Succeed();

        public abstract void Fail(Exception e);

        protected void Finish() => _finished.Cancel();
    }

    private sealed class Unit<T>(Func<DirectSql, CancellationToken, Task<T>> work, CancellationToken ct) : Unit(ct)
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _value = default!;

        public Task<T> Result => _result.Task;

        public override async Task RunAsync(DirectSql sql) => _value = await work(sql, Cancellation);

        public override void Succeed()
        {
            if (_result.TrySetResult(_value)) Finish();
        }

        public override void Fail(Exception e)
        {
            if (e is OperationCanceledException && Cancellation.IsCancellationRequested ? _result.TrySetCanceled(Cancellation) : _result.TrySetException(e))
                Finish();
        }
    }
}
