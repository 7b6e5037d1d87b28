using Microsoft.Extensions.DependencyInjection;

namespace SharpStack.Placement.Reshaper;

/// <summary>Registrations of the Reshaper subsystem.</summary>
public static class ReshaperServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<ReshapeService>();
    }
}
