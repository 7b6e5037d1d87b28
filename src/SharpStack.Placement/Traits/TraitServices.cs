using Microsoft.Extensions.DependencyInjection;

namespace SharpStack.Placement.Traits;

/// <summary>Registrations of the Traits subsystem.</summary>
public static class TraitServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<TraitManager>();
        services.AddScoped<ProviderTraitManager>();
        // PlacementServices has no call for the ResourceClasses folder (only the catalog is registered there); until it
        // does, its registrations ride along here. Registering twice is harmless.
        ResourceClasses.ResourceClassServices.Add(services);
    }
}
