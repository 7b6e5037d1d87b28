using Microsoft.Extensions.DependencyInjection;

namespace SharpStack.Placement.Inventories;

/// <summary>Registrations of the Inventories subsystem.</summary>
public static class InventoryServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<InventoryManager>();
    }
}
