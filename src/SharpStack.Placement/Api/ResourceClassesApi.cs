using Microsoft.AspNetCore.Builder;

namespace SharpStack.Placement.Api;

/// <summary>Routes of ResourceClasses (being written).</summary>
public static class ResourceClassesApi
{
    public static void Map(WebApplication app)
    {
    }
}
