using Microsoft.AspNetCore.Builder;

namespace SharpStack.Placement.Api;

/// <summary>Routes of Allocations (being written).</summary>
public static class AllocationsApi
{
    public static void Map(WebApplication app)
    {
    }
}
