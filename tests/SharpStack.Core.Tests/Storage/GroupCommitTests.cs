using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Storage;

namespace SharpStack.Core.Tests.Storage;

/// <summary>Group commit on SQLite: queued units share a transaction, one failing unit is rolled back alone, and every
/// caller gets its own result or exception; the per-connection settings survive pooling; DirectSql's kept commands
/// run again with new parameters.</summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sharpstack-groupcommit-").FullName;
    private readonly DatabaseUrl _url;

    public GroupCommitTests()
    {
        _url = DatabaseUrl.Parse("sqlite:///" + Path.Combine(_dir, "test.db"), "test");
        using var db = NewDb();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL");
        db.Database.ExecuteSqlRaw("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER NOT NULL)");
    }

    [Fact]
    public async Task Units_run_concurrently_commit_together_and_a_failing_one_alone_is_rolled_back()
    {
        const int units = 40;
        // While another writer holds the turn every unit queues, so the next holder runs them in shared transactions.
        await using var holder = NewDb();
        var turn = await SqliteWriteGate.EnterAsync(holder, CancellationToken.None);
        var tasks = Enumerable.Range(0, units).Select(i => Task.Run(async () =>
        {
            await using var db = NewDb();
            return await GroupCommit.RunAsync(db, async (sql, ct) =>
            {
                await sql.ExecuteAsync("INSERT INTO items (name, n) VALUES (@name, @n)", ct, ("name", "item" + i), ("n", i));
                // Every seventh unit fails after writing: its row must not survive, the others' must.
                if (i % 7 == 0) throw new InvalidOperationException("unit " + i + " refused");
                return i * 2;
            }, CancellationToken.None);
        })).ToList();
        await AllQueuedAsync(holder, units);
        turn!.Dispose();

        for (var i = 0; i < units; i++)
        {
            if (i % 7 == 0)
            {
                var e = await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[i]);
                Assert.Equal("unit " + i + " refused", e.Message);
            }
            else Assert.Equal(i * 2, await tasks[i]);
        }

        await using var check = NewDb();
        await using var read = await DirectSql.OpenAsync(check, CancellationToken.None);
        var names = await read.QueryAsync("SELECT name FROM items", r => r.GetString(0), CancellationToken.None);
        var expected = Enumerable.Range(0, units).Where(i => i % 7 != 0).Select(i => "item" + i).Order(StringComparer.Ordinal);
        Assert.Equal(expected, names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_unit_that_breaks_a_constraint_fails_alone()
    {
        await using (var db = NewDb())
            await GroupCommit.RunAsync(db, (sql, ct) => sql.ExecuteAsync("INSERT INTO items (name, n) VALUES ('taken', 1)", ct), CancellationToken.None);

        await using var holder = NewDb();
        var turn = await SqliteWriteGate.EnterAsync(holder, CancellationToken.None);
        var tasks = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await using var db = NewDb();
            return await GroupCommit.RunAsync(db, (sql, ct) =>
                sql.ExecuteAsync("INSERT INTO items (name, n) VALUES (@name, @n)", ct, ("name", i == 10 ? "taken" : "fresh" + i), ("n", i)), CancellationToken.None);
        })).ToList();
        await AllQueuedAsync(holder, 20);
        turn!.Dispose();

        await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() => tasks[10]);
        foreach (var t in tasks.Where((_, i) => i != 10)) Assert.Equal(1, await t);
        await using var check = NewDb();
        await using var read = await DirectSql.OpenAsync(check, CancellationToken.None);
        Assert.Equal(20, (await read.QueryAsync("SELECT COUNT(*) FROM items", r => r.GetInt64(0), CancellationToken.None))[0]);
    }

    [Fact]
    public async Task A_kept_command_runs_again_with_new_parameters()
    {
        await using var db = NewDb();
        await using var sql = await DirectSql.OpenAsync(db, CancellationToken.None);
        for (var i = 0; i < 3; i++)
            await sql.ExecuteAsync("INSERT INTO items (name, n) VALUES (@name, @n)", CancellationToken.None, ("name", "k" + i), ("n", i * 10));
        for (var i = 0; i < 3; i++)
            Assert.Equal([i * 10], await sql.QueryAsync("SELECT n FROM items WHERE name = @name", r => r.GetInt32(0), CancellationToken.None, ("name", "k" + i)));
    }

    [Fact]
    public async Task Pooled_connections_keep_their_settings()
    {
        for (var round = 0; round < 3; round++)
        {
            // A new context each round takes the pooled native connection of the previous one.
            await using var db = NewDb();
            await using var sql = await DirectSql.OpenAsync(db, CancellationToken.None);
            Assert.Equal([30000L], await sql.QueryAsync("PRAGMA busy_timeout", r => r.GetInt64(0), CancellationToken.None));
            Assert.Equal([1L], await sql.QueryAsync("PRAGMA synchronous", r => r.GetInt64(0), CancellationToken.None)); // NORMAL
        }
    }

    private static async Task AllQueuedAsync(DbContext db, int count)
    {
        var lane = SqliteWriteGate.LaneOf(db);
        for (var waited = 0; lane.Queue.Count < count; waited += 10)
        {
            Assert.True(waited < 10_000, $"only {lane.Queue.Count} of {count} units queued");
            await Task.Delay(10);
        }
    }

    private TestDb NewDb()
    {
        var options = new DbContextOptionsBuilder<TestDb>();
        StorageSetup.Configure(options, _url);
        return new TestDb(options.Options);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, true);
    }

    private sealed class TestDb(DbContextOptions<TestDb> options) : DbContext(options);
}
