using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Auth;
using SharpStack.Core.Auth.Remote;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Hosting;
using SharpStack.Core.Storage;
using SharpStack.Placement.Api;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Configuration;
using SharpStack.Placement.Storage;

namespace SharpStack.Placement;

/// <summary>The Placement service: wiring of its storage, rules and routes.</summary>
public sealed class PlacementModule : IServiceModule
{
    public const string ServiceUser = "placement";

    public string Name => "placement";

    public IEnumerable<OptionGroup> OptionGroups => PlacementOptions.Groups;

    public Option<int> PortOption => PlacementOptions.BindPort;

    public IErrorWriter ErrorWriter { get; } = new PlacementErrorWriter();

    public string? WwwAuthenticate(ServiceContext context) =>
        NoAuth(context) ? null : AuthTokenSetup.WwwAuthenticate(context.Config, context.LocalIdentityUrl);

    public static bool NoAuth(ServiceContext context) => context.Config.Get(PlacementOptions.AuthStrategy) == "noauth2";

    /// <summary>The base URL clients reach Placement at: [placement] public_endpoint, else http://my_ip:port.</summary>
    public static string PublicBase(ServiceContext context) =>
        ServiceUrls.PublicBase(context, PlacementOptions.PublicEndpoint, PlacementOptions.BindPort);

    public CatalogRegistration Catalog(ServiceContext context) =>
        new("placement", "placement", "Placement API", PublicBase(context), ServiceUser);

    /// <summary>The database URL: [placement_database] connection, else SQLite in the data directory.</summary>
    public static DatabaseUrl Database(ServiceContext context) =>
        ServiceDatabase.Url(context.Config, context.DataDir, PlacementOptions.Connection, "placement.db");

    public void ConfigureServices(IServiceCollection services, ServiceContext context)
    {
        var db = Database(context);
        services.AddDbContextPool<PlacementDb>(o => StorageSetup.Configure(o, db), poolSize: 128);
        services.AddSingleton(db);
        services.AddSingleton(TimeProvider.System);
        if (!NoAuth(context))
        {
            var local = context.LocalIdentityUrl is not null ? LocalServiceUsers.Ensure(context.DataDir, ServiceUser) : null;
            services.AddRemoteTokenValidation(context.Config, context.LocalIdentityUrl, local);
        }
        PlacementServices.Add(services, context);
    }

    public void Configure(WebApplication app, ServiceContext context)
    {
        app.UseMiddleware<PlacementCorsMiddleware>();
        if (NoAuth(context)) app.UseMiddleware<NoAuthMiddleware>();
        else app.UseMiddleware<TokenAuthMiddleware>();
        app.UseMiddleware<PlacementRequestMiddleware>();
        app.UseMiddleware<PlacementRouteFallback>();
        PlacementRoutes.Map(app);
    }

    public async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await MigrateAsync(services, cancellationToken);
        using var scope = services.CreateScope();
        await StandardData.SyncAsync(scope.ServiceProvider.GetRequiredService<PlacementDb>(), cancellationToken);
    }

    public Task<int> PendingMigrationCountAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ServiceDatabase.PendingCountAsync<PlacementDb>(services, cancellationToken);

    public Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ServiceDatabase.MigrateAsync<PlacementDb>(services, PlacementOptions.MaxRetries, PlacementOptions.RetryInterval, cancellationToken);
}
