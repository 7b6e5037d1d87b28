using Microsoft.EntityFrameworkCore;
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

    public static IdentityDb Open(DatabaseUrl url)
    {
        var options = new DbContextOptionsBuilder<IdentityDb>();
        StorageSetup.Configure(options, url);
        return new IdentityDb(options.Options);
    }
}
