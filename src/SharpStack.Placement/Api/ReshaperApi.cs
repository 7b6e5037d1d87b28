using Microsoft.AspNetCore.Builder;

namespace SharpStack.Placement.Api;

/// <summary>Routes of Reshaper (being written).</summary>
public static class ReshaperApi
{
    public static void Map(WebApplication app)
    {
    }
}
