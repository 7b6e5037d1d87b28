using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Hosting;

namespace SharpStack.Identity;

/// <summary>The identity service's registrations, one line per area, and its start-up checks.</summary>
public static class IdentityServices
{
    public static void Add(IServiceCollection services, ServiceContext context)
    {
    }

    public static Task InitializeAsync(IServiceProvider services, CancellationToken ct)
    {
        return Task.CompletedTask;
    }
}
