using Microsoft.AspNetCore.Builder;

namespace SharpStack.Placement.Api;

/// <summary>Routes of ResourceProviders (being written).</summary>
public static class ResourceProvidersApi
{
    public static void Map(WebApplication app)
    {
    }
}
