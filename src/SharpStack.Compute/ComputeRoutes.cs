using Microsoft.AspNetCore.Builder;
using SharpStack.Compute.Api;

namespace SharpStack.Compute;

/// <summary>Every route of the Compute API, one line per resource.</summary>
public static class ComputeRoutes
{
    public static void Map(WebApplication app)
    {
        VersionsApi.Map(app);
        var v21 = app.MapGroup("/v2.1");
        FlavorsApi.Map(v21);
    }
}
