using Microsoft.AspNetCore.Builder;

namespace SharpStack.Placement.Api;

/// <summary>Routes of Aggregates (being written).</summary>
public static class AggregatesApi
{
    public static void Map(WebApplication app)
    {
    }
}
