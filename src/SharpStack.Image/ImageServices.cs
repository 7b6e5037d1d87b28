using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Auth.Remote;
using SharpStack.Core.Hosting;
using SharpStack.Core.Policy;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Configuration;
using SharpStack.Image.Data;
using SharpStack.Image.Import;
using SharpStack.Image.Stores;
using SharpStack.Image.Images;
using SharpStack.Image.Members;
using SharpStack.Image.Policies;
using SharpStack.Image.Quotas;
using SharpStack.Image.Tags;

namespace SharpStack.Image;

/// <summary>The image service's registrations, grouped by subsystem.</summary>
public static class ImageServices
{
    public static void Add(IServiceCollection services, ServiceContext context)
    {
        // Policy
        services.AddSingleton(sp => PolicySetup.CreateEnforcer(context.Config,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("SharpStack.Image.Policy"), GlancePolicies.RegisterAll));
        services.AddSingleton<ImageAuthorizer>();

        // Images
        services.AddSingleton<ImageView>();
        services.AddScoped<ImageLookup>();
        services.AddScoped<ImageManager>();
        services.AddScoped<ImageLister>();
        services.AddSingleton<ImageListCache>();
        services.AddScoped<ImageUpdater>();
        services.AddSingleton<Schemas.ImageSchemas>();

        // Members, tags
        services.AddScoped<MemberManager>();
        services.AddScoped<TagManager>();

        // Metadata definitions catalog
        services.AddSingleton<Schemas.MetadefSchemas>();
        services.AddSingleton<Metadefs.MetadefAccess>();
        services.AddScoped<Metadefs.NamespaceLookup>();
        services.AddScoped<Metadefs.NamespaceLister>();
        services.AddScoped<Metadefs.NamespaceManager>();
        services.AddScoped<Metadefs.ObjectManager>();
        services.AddScoped<Metadefs.PropertyManager>();
        services.AddScoped<Metadefs.MetadefTagManager>();
        services.AddScoped<Metadefs.ResourceTypeManager>();

        // Quotas
        services.AddSingleton(new ImageQuotaSettings(context.Config.Get(ImageOptions.UseKeystoneLimits), StorageQuota.From(context.Config)));
        services.AddSingleton(sp => new UnifiedLimitsClient(sp.GetRequiredService<IdentityClient>(), sp.GetRequiredService<ServiceCredentials>(),
            "image", context.Config.Get(AuthTokenOptions.RegionName), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<ImageQuotas>();

        // Image data: stores, upload/download, staging, clean-up and start-up recovery
        services.AddSingleton<ImageStores>();
        services.AddScoped<ImageUploader>();
        services.AddScoped<ImageStager>();
        services.AddScoped<ImageDataCleaner>();
        services.AddScoped<ImageDataRecovery>();

        // Import: request checks, the background worker and what it runs
        services.AddSingleton<ImportUriFilter>();
        services.AddSingleton<WebDownloader>();
        services.AddSingleton<ImportQueue>();
        services.AddScoped<ImageImporter>();
        services.AddScoped<ImportRunner>();
        services.AddHostedService<ImportWorker>();
    }

    /// <summary>Checks that refuse a broken setup before the port opens (the policy file parses, the stores are
    /// configured sensibly), then the repair of whatever a killed process left half-done, and the seeding of the stock metadef resource types.</summary>
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        services.GetRequiredService<PolicyEnforcer>();
        services.GetRequiredService<ImageStores>();
        await services.GetRequiredService<ImageDataRecovery>().RunAsync(ct);
        await services.GetRequiredService<Metadefs.ResourceTypeManager>().SeedAsync(ct);
    }
}
