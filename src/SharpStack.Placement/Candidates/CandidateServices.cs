using Microsoft.Extensions.DependencyInjection;

namespace SharpStack.Placement.Candidates;

/// <summary>Registrations of the Candidates subsystem (per request: the search keeps per-request state).</summary>
public static class CandidateServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton<ProviderSnapshot>();
        services.AddTransient<CandidateSearch>();
        services.AddSingleton<CandidateCache>();
    }
}
