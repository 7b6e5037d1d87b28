using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Configuration;

namespace SharpStack.Placement.Allocations;

/// <summary>Registrations of the Allocations subsystem.</summary>
public static class AllocationServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(sp => AllocationSettings.From(sp.GetRequiredService<SharpStackConfig>()));
        services.AddSingleton<ConsumerTypeIds>();
        services.AddScoped<ConsumerStore>();
        services.AddScoped<AllocationWriter>();
        services.AddScoped<AllocationReader>();
        services.AddScoped<AllocationDeleter>();
    }
}
