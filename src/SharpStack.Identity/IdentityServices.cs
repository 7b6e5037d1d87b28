using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Hosting;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Catalog;
using SharpStack.Identity.Users;

namespace SharpStack.Identity;

/// <summary>The identity service's registrations, one line per area, and its start-up checks.</summary>
public static class IdentityServices
{
    public static void Add(IServiceCollection services, ServiceContext context)
    {
        services.AddSingleton<UserPasswords>();
        services.AddScoped<EffectiveRoles>();
        services.AddScoped<CatalogBuilder>();
    }

    public static Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        return Task.CompletedTask;
    }
}
