using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SharpStack.Core.Storage;

/// <summary>Per-connection SQLite settings, applied whenever EF opens a connection (once per native connection: a
/// pooled one keeps them). synchronous=NORMAL: in WAL mode a commit is written to the WAL before it
/// returns and survives a killed process; only an operating-system crash may lose the newest commits — the fsync per
/// commit was most of the cost of a small write. busy_timeout: a writer from another process waits inside SQLite with
/// short back-offs instead of Microsoft.Data.Sqlite's fixed 150 ms sleeps.</summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>Native connections already set up: a pooled one comes back with its settings.</summary>
    private static readonly ConditionalWeakTable<object, object> Configured = new();

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && !Configured.TryAdd(handle, Configured)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
