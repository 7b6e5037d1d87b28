using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Compute.Api.Http;
using SharpStack.Compute.Configuration;
using SharpStack.Compute.Flavors;
using SharpStack.Compute.Storage;
using SharpStack.Core.Auth;
using SharpStack.Core.Auth.Remote;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Hosting;
using SharpStack.Core.Storage;

namespace SharpStack.Compute;

/// <summary>The Compute service (Nova v2.1): wiring of its storage, rules and routes.</summary>
public sealed class ComputeModule : IServiceModule
{
    public const string ServiceUser = "nova";

    public string Name => "compute";

    public IEnumerable<OptionGroup> OptionGroups => ComputeOptions.Groups;

    public Option<int> PortOption => ComputeOptions.BindPort;

    public IErrorWriter ErrorWriter { get; } = new NovaErrorWriter();

    public IReadOnlyList<string> ExtraRequestIdHeaders => ["x-compute-request-id"];

    public string? WwwAuthenticate(ServiceContext context) => AuthTokenSetup.WwwAuthenticate(context.Config, context.LocalIdentityUrl);

    /// <summary>The base URL clients reach Compute at: [compute] public_endpoint, else http://my_ip:port.</summary>
    public static string PublicBase(ServiceContext context) =>
        ServiceUrls.PublicBase(context, ComputeOptions.PublicEndpoint, ComputeOptions.BindPort);

    public CatalogRegistration Catalog(ServiceContext context) =>
        new("compute", "nova", "Compute Service", PublicBase(context).TrimEnd('/') + "/v2.1", ServiceUser);

    /// <summary>The API database URL: [api_database] connection, else SQLite in the data directory.</summary>
    public static DatabaseUrl ApiDatabase(ServiceContext context) =>
        ServiceDatabase.Url(context.Config, context.DataDir, ComputeOptions.ApiConnection, "compute_api.db");

    public void ConfigureServices(IServiceCollection services, ServiceContext context)
    {
        var db = ApiDatabase(context);
        services.AddDbContextPool<ComputeApiDb>(o => StorageSetup.Configure(o, db), poolSize: 128);
        services.AddSingleton(db);
        services.AddSingleton(TimeProvider.System);
        var local = context.LocalIdentityUrl is not null ? LocalServiceUsers.Ensure(context.DataDir, ServiceUser) : null;
        services.AddRemoteTokenValidation(context.Config, context.LocalIdentityUrl, local);
        ComputeServices.Add(services, context);
    }

    public void Configure(WebApplication app, ServiceContext context)
    {
        app.UseMiddleware<TokenAuthMiddleware>();
        app.UseMiddleware<ComputeRequestMiddleware>();
        ComputeRoutes.Map(app);
        app.UseMiddleware<NovaRouteFallback>();
    }

    public async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await MigrateAsync(services, cancellationToken);
        using var scope = services.CreateScope();
        if (scope.ServiceProvider.GetRequiredService<SharpStackConfig>().Get(ComputeOptions.CreateDefaultFlavors))
            await DefaultFlavors.EnsureAsync(scope.ServiceProvider.GetRequiredService<ComputeApiDb>(),
                scope.ServiceProvider.GetRequiredService<FlavorManager>(), cancellationToken);
    }

    public Task<int> PendingMigrationCountAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ServiceDatabase.PendingCountAsync<ComputeApiDb>(services, cancellationToken);

    public Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ServiceDatabase.MigrateAsync<ComputeApiDb>(services, ComputeOptions.MaxRetries, ComputeOptions.RetryInterval, cancellationToken);
}
