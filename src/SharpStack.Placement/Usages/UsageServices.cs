using Microsoft.Extensions.DependencyInjection;

namespace SharpStack.Placement.Usages;

/// <summary>Registrations of the Usages subsystem.</summary>
public static class UsageServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<UsageReader>();
    }
}
