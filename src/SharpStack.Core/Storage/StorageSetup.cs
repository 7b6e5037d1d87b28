using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SharpStack.Core.Storage;

/// <summary>Points a service's DbContext at its database: SQLite or PostgreSQL, with reconnecting retries on PostgreSQL.</summary>
public static class StorageSetup
{
    private static readonly SqliteConnectionSettings SqliteSettings = new();

    public static void Configure(DbContextOptionsBuilder options, DatabaseUrl url)
    {
        switch (url.Engine)
        {
            case DatabaseEngine.Sqlite:
                // One JSON parameter per list (json_each), not one parameter per element: EF 10's default makes a
                // 1,000-id "Contains" cost 1,000 parameter binds, each a linear search in SQLite.
                options.UseSqlite(url.ConnectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                options.AddInterceptors(SqliteSettings);
                break;
            case DatabaseEngine.PostgreSql:
                // Transient failures (a database restart, a dropped connection) are retried rather than surfaced.
                options.UseNpgsql(url.ConnectionString, o => o
                    .ExecutionStrategy(d => new PostgresExecutionStrategy(d))
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                break;
        }
        // Migrations are hand-written (no EF design-time tooling here), so there is no model snapshot to compare with.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
    }
}
