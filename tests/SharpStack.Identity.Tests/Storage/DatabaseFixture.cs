using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SharpStack.Core.Storage;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Tests.Storage;

/// <summary>Fresh databases for storage tests: SQLite files always; PostgreSQL when SHARPSTACK_TEST_POSTGRES names a
/// server URL with a user allowed to create databases (CI starts one; see .ci/run).</summary>
public static class TestDatabases
{
    public static string? PostgresServer => Environment.GetEnvironmentVariable("SHARPSTACK_TEST_POSTGRES");

    public static DatabaseUrl NewSqlite() =>
        DatabaseUrl.Parse("sqlite:///" + Path.Combine(Path.GetTempPath(), "sharpstack-db-" + Guid.NewGuid().ToString("N") + ".db"), "test");

    /// <summary>A URL naming a database that does not exist yet on the test PostgreSQL server.</summary>
    public static DatabaseUrl NewPostgres() =>
        DatabaseUrl.Parse(PostgresServer!.TrimEnd('/') + "/sharpstack_test_" + Guid.NewGuid().ToString("N")[..12], "test");

    public static IEnumerable<object[]> Engines()
    {
        yield return ["sqlite"];
        if (PostgresServer is not null) yield return ["postgresql"];
    }

    public static DatabaseUrl New(string engine) => engine == "sqlite" ? NewSqlite() : NewPostgres();

    /// <summary>Removes a test database: a PostgreSQL one is dropped on its server (its connections forced off, so a
    /// server left behind by a test cannot keep it), a SQLite one is deleted with its journal files. Nothing happens
    /// when it was never created.</summary>
    public static async Task DropAsync(DatabaseUrl url)
    {
        if (url.Engine == DatabaseEngine.PostgreSql)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(url.ConnectionString));
            var name = new NpgsqlConnectionStringBuilder(url.ConnectionString).Database!;
            var maintenance = new NpgsqlConnectionStringBuilder(url.ConnectionString) { Database = "postgres", Pooling = false };
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var conn = new NpgsqlConnection(maintenance.ConnectionString);
                    await conn.OpenAsync();
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"")}\" WITH (FORCE)", conn);
                    await drop.ExecuteNonQueryAsync();
                    return;
                }
                catch (NpgsqlException e) when (attempt < 10 && (e.IsTransient || e is PostgresException { SqlState: "57P03" or "42501" }))
                {
                    // The server is restarting (PostgresRestartTests), or an autovacuum worker is in the database: FORCE
                    // may not terminate it unless the user is a superuser (42501), but it is gone a moment later.
                    await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
                }
            }
        }
        var path = new SqliteConnectionStringBuilder(url.ConnectionString).DataSource;
        if (path == ":memory:") return;
        SqliteConnection.ClearPool(new SqliteConnection(url.ConnectionString));
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            File.Delete(file);
    }

    public static IdentityDb Open(DatabaseUrl url)
    {
        var options = new DbContextOptionsBuilder<IdentityDb>();
        StorageSetup.Configure(options, url);
        return new IdentityDb(options.Options);
    }
}
