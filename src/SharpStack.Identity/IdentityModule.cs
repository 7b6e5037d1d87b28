using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Auth;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Hosting;
using SharpStack.Core.Storage;
using SharpStack.Identity.Api;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity;

/// <summary>The Identity service (Keystone v3): wiring of its storage, rules and routes.</summary>
public sealed class IdentityModule : IServiceModule
{
    public string Name => "identity";

    public IEnumerable<OptionGroup> OptionGroups => IdentityOptions.Groups;

    public Option<int> PortOption => IdentityOptions.BindPort;

    public IErrorWriter ErrorWriter { get; } = new KeystoneErrorWriter();

    public string? WwwAuthenticate(ServiceContext context) => $"Keystone uri=\"{PublicBase(context)}/v3\"";

    /// <summary>The base URL clients reach Identity at: [identity] public_endpoint, else http://my_ip:port.</summary>
    public static string PublicBase(ServiceContext context)
    {
        var configured = context.Config.Get(IdentityOptions.PublicEndpoint);
        if (configured is not null) return configured.ToString().TrimEnd('/');
        var ip = context.Config.Get(CoreOptions.MyIp);
        var host = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
        return $"http://{host}:{context.Config.Get(IdentityOptions.BindPort)}";
    }

    /// <summary>The database URL: [database] connection, else SQLite in the data directory.</summary>
    public static DatabaseUrl Database(ServiceContext context)
    {
        var configured = context.Config.Get(IdentityOptions.Connection);
        return string.IsNullOrWhiteSpace(configured)
            ? DatabaseUrl.Parse("sqlite:///" + Path.Combine(context.DataDir, "identity.db"), "[database] connection")
            : DatabaseUrl.Parse(configured, "[database] connection");
    }

    public void ConfigureServices(IServiceCollection services, ServiceContext context)
    {
        var db = Database(context);
        services.AddDbContextPool<IdentityDb>(o => StorageSetup.Configure(o, db), poolSize: 256);
        services.AddSingleton(db);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IdentityRevision>();
        services.AddSingleton(new IdentityEndpoint(context.Config.Get(IdentityOptions.PublicEndpoint)?.ToString().TrimEnd('/')));
        IdentityServices.Add(services, context);
    }

    public void Configure(WebApplication app, ServiceContext context)
    {
        app.UseMiddleware<TrailingSlashMiddleware>();
        app.UseMiddleware<TokenAuthMiddleware>();
        IdentityRoutes.Map(app);
    }

    public async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await MigrateAsync(services, cancellationToken);
        using var scope = services.CreateScope();
        await IdentityServices.InitializeAsync(scope.ServiceProvider, cancellationToken);
    }

    public async Task<int> PendingMigrationCountAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        return await DatabaseMigrator.PendingCountAsync(scope.ServiceProvider.GetRequiredService<IdentityDb>(), cancellationToken);
    }

    public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var url = scope.ServiceProvider.GetRequiredService<DatabaseUrl>();
        var config = scope.ServiceProvider.GetRequiredService<SharpStackConfig>();
        var log = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("SharpStack.Identity.Storage");
        await DatabaseMigrator.MigrateAsync(db, url, log, config.Get(IdentityOptions.MaxRetries),
            TimeSpan.FromSeconds(config.Get(IdentityOptions.RetryInterval)), cancellationToken);
    }
}
