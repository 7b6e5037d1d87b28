using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace SharpStack.Core.Storage;

/// <summary>One writer at a time per SQLite file within this process. SQLite allows one write transaction per file;
/// without this, writers that find the file locked sleep and poll (busy_timeout), leaving the lock idle between
/// polls. Queued here they take over the moment the previous one commits. Other processes still meet the file lock
/// and wait for it through busy_timeout.</summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the database's write turn: null for databases other than SQLite (they lock rows themselves).</summary>
    public static async Task<IDisposable?> EnterAsync(DbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return null;
        var key = db.Database.GetConnectionString() ?? "";
        var gate = Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Turn(gate);
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
