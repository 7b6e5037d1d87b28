using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace SharpStack.Core.Storage;

/// <summary>Brings a service's database to the newest schema at start. EF Core takes a database-wide
/// migration lock, so two processes starting at once apply each migration exactly once.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(DbContext db, DatabaseUrl url, ILogger log, int maxRetries, TimeSpan retryInterval, CancellationToken ct)
    {
        if (url.Engine == DatabaseEngine.Sqlite)
            PrepareSqliteFile(url);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (url.Engine == DatabaseEngine.PostgreSql)
                    await EnsurePostgresDatabaseAsync(url, ct);
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0)
                {
                    log.LogInformation("Applying {Count} migration(s) to {Database}: {Names}", pending.Count, url.Display, string.Join(", ", pending));
                    await db.Database.MigrateAsync(ct);
                }
                if (url.Engine == DatabaseEngine.Sqlite)
                {
                    // WAL (kept in the file) lets readers proceed during writes; synchronous is per connection (SqliteConnectionSettings).
                    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                }
                return;
            }
            catch (Exception e) when (IsConnectionFailure(e) && (maxRetries < 0 || attempt < maxRetries))
            {
                log.LogWarning("Database {Database} is not reachable ({Message}); retrying in {Seconds}s", url.Display, e.Message, retryInterval.TotalSeconds);
                await Task.Delay(retryInterval, ct);
            }
        }
    }

    /// <summary>True when the failure is the database being unreachable rather than a schema or data problem.</summary>
    /// <summary>How many of the context's migrations the database has not applied yet.</summary>
    public static async Task<int> PendingCountAsync(DbContext db, CancellationToken ct) =>
        (await db.Database.GetPendingMigrationsAsync(ct)).Count();

    public static bool IsConnectionFailure(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException } => true,
        System.Net.Sockets.SocketException => true,
        InvalidOperationException { InnerException: { } inner } => IsConnectionFailure(inner),
        Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException { InnerException: { } inner } => IsConnectionFailure(inner),
        _ => false,
    };

    private static void PrepareSqliteFile(DatabaseUrl url)
    {
        var builder = new SqliteConnectionStringBuilder(url.ConnectionString);
        if (builder.DataSource is ":memory:" or "") return;
        var dir = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }

    private static async Task EnsurePostgresDatabaseAsync(DatabaseUrl url, CancellationToken ct)
    {
        // Create the service's database if the user may; operators who pre-create it lose nothing.
        var target = new NpgsqlConnectionStringBuilder(url.ConnectionString);
        var admin = new NpgsqlConnectionStringBuilder(url.ConnectionString) { Database = "postgres", Pooling = false };
        await using var conn = new NpgsqlConnection(admin.ConnectionString);
        try
        {
            await conn.OpenAsync(ct);
        }
        catch (PostgresException)
        {
            return; // no access to the maintenance database: assume the operator created ours
        }
        await using var check = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", conn);
        check.Parameters.AddWithValue("n", target.Database!);
        if (await check.ExecuteScalarAsync(ct) is not null) return;
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"")}\" ENCODING 'UTF8'", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is "42P04" or "23505" or "42501")
        {
            // Created concurrently by another process, or no CREATEDB right (then Migrate reports the real problem).
        }
    }
}
