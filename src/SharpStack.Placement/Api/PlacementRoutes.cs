using Microsoft.AspNetCore.Builder;

namespace SharpStack.Placement.Api;

/// <summary>Every Placement route, by resource (the 404/405 answers for everything else: PlacementRouteFallback).</summary>
public static class PlacementRoutes
{
    public static void Map(WebApplication app)
    {
        RootApi.Map(app);
        ResourceProvidersApi.Map(app);
        InventoriesApi.Map(app);
        ResourceClassesApi.Map(app);
        TraitsApi.Map(app);
        AggregatesApi.Map(app);
        AllocationsApi.Map(app);
        UsagesApi.Map(app);
        AllocationCandidatesApi.Map(app);
        ReshaperApi.Map(app);
    }
}
