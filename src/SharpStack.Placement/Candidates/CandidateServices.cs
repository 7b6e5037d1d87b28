using Microsoft.Extensions.DependencyInjection;

namespace SharpStack.Placement.Candidates;

/// <summary>Registrations of the Candidates subsystem.</summary>
public static class CandidateServices
{
    public static void Add(IServiceCollection services)
    {
    }
}
