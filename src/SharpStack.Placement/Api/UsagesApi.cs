using Microsoft.AspNetCore.Builder;

namespace SharpStack.Placement.Api;

/// <summary>Routes of Usages (being written).</summary>
public static class UsagesApi
{
    public static void Map(WebApplication app)
    {
    }
}
