using Microsoft.Extensions.DependencyInjection;

namespace SharpStack.Placement.Allocations;

/// <summary>Registrations of the Allocations subsystem.</summary>
public static class AllocationServices
{
    public static void Add(IServiceCollection services)
    {
    }
}
