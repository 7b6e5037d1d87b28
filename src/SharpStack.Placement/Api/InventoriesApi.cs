using Microsoft.AspNetCore.Builder;

namespace SharpStack.Placement.Api;

/// <summary>Routes of Inventories (being written).</summary>
public static class InventoriesApi
{
    public static void Map(WebApplication app)
    {
    }
}
