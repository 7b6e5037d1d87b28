using Microsoft.AspNetCore.Builder;

namespace SharpStack.Placement.Api;

/// <summary>Routes of AllocationCandidates (being written).</summary>
public static class AllocationCandidatesApi
{
    public static void Map(WebApplication app)
    {
    }
}
