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
    public static string PublicBase(ServiceContext context) =>
        ServiceUrls.PublicBase(context, IdentityOptions.PublicEndpoint, IdentityOptions.BindPort);

    /// <summary>The Identity v3 URL clients and services in this cloud authenticate at (PublicBase + "/v3").</summary>
    public static string AuthUrl(ServiceContext context) => PublicBase(context) + "/v3";

    /// <summary>The database URL: [database] connection, else SQLite in the data directory.</summary>
    public static DatabaseUrl Database(ServiceContext context) =>
        ServiceDatabase.Url(context.Config, context.DataDir, IdentityOptions.Connection, "identity.db");

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

    public Task<int> PendingMigrationCountAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ServiceDatabase.PendingCountAsync<IdentityDb>(services, cancellationToken);

    public Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ServiceDatabase.MigrateAsync<IdentityDb>(services, IdentityOptions.MaxRetries, IdentityOptions.RetryInterval, cancellationToken);
}
