using Microsoft.Extensions.DependencyInjection;

namespace SharpStack.Placement.ResourceClasses;

/// <summary>Registrations of the ResourceClasses subsystem (the catalog itself is registered by PlacementServices).</summary>
public static class ResourceClassServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<ResourceClassManager>();
    }
}
