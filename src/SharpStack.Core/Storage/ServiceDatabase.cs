using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Configuration;

namespace SharpStack.Core.Storage;

/// <summary>A service's own database as its module sees it: where it is (the service's connection option, else
/// SQLite in the data directory), and migrating it with the service's retry options.</summary>
public static class ServiceDatabase
{
    /// <summary>The database URL from the service's connection option, else SQLite file <paramref name="sqliteFile"/> in the data directory.</summary>
    public static DatabaseUrl Url(SharpStackConfig config, string dataDir, Option<string?> connection, string sqliteFile)
    {
        var name = $"[{connection.Group.Name}] {connection.Name}";
        var configured = config.Get(connection);
        return string.IsNullOrWhiteSpace(configured)
            ? DatabaseUrl.Parse("sqlite:///" + Path.Combine(dataDir, sqliteFile), name)
            : DatabaseUrl.Parse(configured, name);
    }

    /// <summary>Applies the pending migrations, waiting for the server as the retry options say.</summary>
    public static async Task MigrateAsync<TDb>(IServiceProvider services, Option<int> maxRetries, Option<int> retryInterval, CancellationToken ct)
        where TDb : DbContext
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var config = sp.GetRequiredService<SharpStackConfig>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TDb).Namespace ?? "SharpStack.Storage");
        await DatabaseMigrator.MigrateAsync(sp.GetRequiredService<TDb>(), sp.GetRequiredService<DatabaseUrl>(), log,
            config.Get(maxRetries), TimeSpan.FromSeconds(config.Get(retryInterval)), ct);
    }

    /// <summary>How many migrations the database still needs.</summary>
    public static async Task<int> PendingCountAsync<TDb>(IServiceProvider services, CancellationToken ct) where TDb : DbContext
    {
        using var scope = services.CreateScope();
        return await DatabaseMigrator.PendingCountAsync(scope.ServiceProvider.GetRequiredService<TDb>(), ct);
    }
}
