using Microsoft.AspNetCore.Builder;

namespace SharpStack.Placement.Api;

/// <summary>Routes of Traits (being written).</summary>
public static class TraitsApi
{
    public static void Map(WebApplication app)
    {
    }
}
