using Microsoft.Extensions.DependencyInjection;

namespace SharpStack.Placement.Aggregates;

/// <summary>Registrations of the Aggregates subsystem.</summary>
public static class AggregateServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<AggregateManager>();
    }
}
