using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SharpStack.Core.Storage;

namespace SharpStack.Identity.Tests.Storage;

/// <summary>The hand-written migrations must produce exactly the schema the model describes, on every engine,
/// and must be safe when several processes start at once.</summary>
public sealed class MigrationTests
{
    public static IEnumerable<object[]> Engines() => TestDatabases.Engines();

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Migrated_schema_matches_the_model(string engine)
    {
        var migrated = TestDatabases.New(engine);
        var created = TestDatabases.New(engine);
        try
        {
            await using (var db = TestDatabases.Open(migrated))
                await DatabaseMigrator.MigrateAsync(db, migrated, NullLogger.Instance, 0, TimeSpan.Zero, CancellationToken.None);
            await using (var db = TestDatabases.Open(created))
                await db.Database.EnsureCreatedAsync();

            var expected = await SchemaAsync(created, engine);
            var actual = await SchemaAsync(migrated, engine);
            actual.Remove("__EFMigrationsHistory");
            actual.Remove("__EFMigrationsLock");
            Assert.Equal(string.Join("\n", expected.OrderBy(k => k.Key).Select(k => k.Key + ": " + k.Value)),
                         string.Join("\n", actual.OrderBy(k => k.Key).Select(k => k.Key + ": " + k.Value)));
        }
        finally
        {
            await TestDatabases.DropAsync(migrated);
            await TestDatabases.DropAsync(created);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Concurrent_starts_apply_each_migration_once(string engine)
    {
        var url = TestDatabases.New(engine);
        try
        {
            if (engine == "postgresql")
            {
                // Let the database exist first: concurrent CREATE DATABASE is handled, but we test the migration lock here.
                await using var first = TestDatabases.Open(url);
                await DatabaseMigrator.MigrateAsync(first, url, NullLogger.Instance, 0, TimeSpan.Zero, CancellationToken.None);
                await first.Database.ExecuteSqlRawAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
            }
            var tasks = Enumerable.Range(0, 4).Select(async _ =>
            {
                await using var db = TestDatabases.Open(url);
                await DatabaseMigrator.MigrateAsync(db, url, NullLogger.Instance, 3, TimeSpan.FromMilliseconds(100), CancellationToken.None);
            }).ToList();
            await Task.WhenAll(tasks);
            await using var check = TestDatabases.Open(url);
            Assert.Empty(await check.Database.GetPendingMigrationsAsync());
            Assert.Equal(check.Database.GetMigrations().Count(), (await check.Database.GetAppliedMigrationsAsync()).Count());
        }
        finally
        {
            await TestDatabases.DropAsync(url);
        }
    }

    /// <summary>table → "column type null pk; …" plus its indexes, read from the database itself.</summary>
    private static async Task<Dictionary<string, string>> SchemaAsync(DatabaseUrl url, string engine)
    {
        await using var db = TestDatabases.Open(url);
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        var result = new Dictionary<string, string>();
        var tables = engine == "sqlite"
            ? await ColumnAsync(conn, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
            : await ColumnAsync(conn, "SELECT table_name FROM information_schema.tables WHERE table_schema='public'");
        foreach (var table in tables)
        {
            var columns = engine == "sqlite"
                ? await RowsAsync(conn, $"SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || pk FROM pragma_table_info('{table}') ORDER BY name")
                : await RowsAsync(conn, $"SELECT column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text,'') || ' ' || is_nullable FROM information_schema.columns WHERE table_schema='public' AND table_name='{table}' ORDER BY column_name");
            var indexes = engine == "sqlite"
                ? await RowsAsync(conn, $"SELECT il.\"unique\" || ':' || (SELECT group_concat(name, ',') FROM pragma_index_info(il.name)) FROM pragma_index_list('{table}') il WHERE il.origin != 'pk' ORDER BY 1")
                : await RowsAsync(conn, $"SELECT indexdef FROM pg_indexes WHERE schemaname='public' AND tablename='{table}' ORDER BY indexdef");
            result[table] = string.Join("; ", columns) + " | " + string.Join("; ", indexes.Select(i => System.Text.RegularExpressions.Regex.Replace(i, "INDEX \\S+ ON", "INDEX ON")));
        }
        return result;
    }

    private static async Task<List<string>> ColumnAsync(DbConnection conn, string sql) => await RowsAsync(conn, sql);

    private static async Task<List<string>> RowsAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        return rows;
    }
}
