using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Http;
using SharpStack.Placement.Api.Http;

namespace SharpStack.Placement.Api;

/// <summary>GET /: the version document (no token needed).</summary>
public static class RootApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/", (HttpContext context) =>
        {
            PlacementRequest.RequireJsonAccept(context);
            PlacementRequest.LastModified(context, null);
            return new JsonBodyResult(new JsonObject
            {
                ["versions"] = new JsonArray(new JsonObject
                {
                    ["id"] = "v" + PlacementVersion.Minimum,
                    ["max_version"] = PlacementVersion.Maximum.ToString(),
                    ["min_version"] = PlacementVersion.Minimum.ToString(),
                    ["status"] = "CURRENT",
                    ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = "" }),
                }),
            });
        });
    }
}
