using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Auth;
using SharpStack.Core.Auth.Remote;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Hosting;
using SharpStack.Core.Storage;
using SharpStack.Image.Api;
using SharpStack.Image.Configuration;
using SharpStack.Image.Storage;

namespace SharpStack.Image;

/// <summary>The Image service (Glance v2): wiring of its storage, stores, rules and routes.</summary>
public sealed class ImageModule : IServiceModule
{
    public const string ServiceUser = "glance";

    public string Name => "image";

    public IEnumerable<OptionGroup> OptionGroups => ImageOptions.Groups;

    public Option<int> PortOption => ImageOptions.BindPort;

    public IErrorWriter ErrorWriter { get; } = new GlanceErrorWriter();

    public string? WwwAuthenticate(ServiceContext context) =>
        AuthTokenSetup.WwwAuthenticate(context.Config, context.LocalIdentityUrl);

    /// <summary>The base URL clients reach Image at: [image] public_endpoint, else http://my_ip:port.</summary>
    public static string PublicBase(ServiceContext context) =>
        ServiceUrls.PublicBase(context, ImageOptions.PublicEndpoint, ImageOptions.BindPort);

    public CatalogRegistration Catalog(ServiceContext context) =>
        new("image", "glance", "OpenStack Image", PublicBase(context), ServiceUser);

    /// <summary>The database URL: [image_database] connection, else SQLite in the data directory.</summary>
    public static DatabaseUrl Database(ServiceContext context) =>
        ServiceDatabase.Url(context.Config, context.DataDir, ImageOptions.Connection, "image.db");

    public void ConfigureServices(IServiceCollection services, ServiceContext context)
    {
        var db = Database(context);
        services.AddDbContextPool<ImageDb>(o => StorageSetup.Configure(o, db), poolSize: 128);
        services.AddSingleton(db);
        services.AddSingleton(TimeProvider.System);
        var local = context.LocalIdentityUrl is not null ? LocalServiceUsers.Ensure(context.DataDir, ServiceUser) : null;
        services.AddRemoteTokenValidation(context.Config, context.LocalIdentityUrl, local);
        ImageServices.Add(services, context);
    }

    public void Configure(WebApplication app, ServiceContext context)
    {
        app.UseMiddleware<TokenAuthMiddleware>();
        ImageRoutes.Map(app);
    }

    public async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await MigrateAsync(services, cancellationToken);
        using var scope = services.CreateScope();
        await ImageServices.InitializeAsync(scope.ServiceProvider, cancellationToken);
    }

    public Task<int> PendingMigrationCountAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ServiceDatabase.PendingCountAsync<ImageDb>(services, cancellationToken);

    public Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        ServiceDatabase.MigrateAsync<ImageDb>(services, ImageOptions.MaxRetries, ImageOptions.RetryInterval, cancellationToken);
}
