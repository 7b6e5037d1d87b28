using Microsoft.Extensions.DependencyInjection;

namespace SharpStack.Placement.Traits;

/// <summary>Registrations of the Traits subsystem.</summary>
public static class TraitServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<TraitManager>();
        services.AddScoped<ProviderTraitManager>();
    }
}
