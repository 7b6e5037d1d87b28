using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Configuration;
using SharpStack.Core.Http;
using SharpStack.Image.Configuration;

namespace SharpStack.Image.Api;

/// <summary>Version discovery: GET / (300) and GET /versions (200) list the v2 minor versions Glance (Zed) lists for the same configuration.</summary>
public static class VersionsApi
{
    // Zed without an image cache: 2.15 current; 2.8 and 2.10-2.13 (multi-store) only when stores are configured.
    private static readonly string[] Single = ["v2.15", "v2.9", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0"];
    private static readonly string[] MultiStore =
        ["v2.15", "v2.13", "v2.12", "v2.11", "v2.10", "v2.9", "v2.8", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0"];

    public static void Map(WebApplication app, SharpStackConfig config)
    {
        var versions = config.Get(ImageOptions.EnabledBackends).Count > 0 ? MultiStore : Single;
        app.MapGetHead("/", (HttpContext context) => new JsonBodyResult(Document(context, versions), 300));
        app.MapGetHead("/versions", (HttpContext context) => new JsonBodyResult(Document(context, versions), 200));
    }

    private static JsonObject Document(HttpContext context, string[] versions)
    {
        var r = context.Request;
        var href = $"{r.Scheme}://{r.Host}{r.PathBase}/v2/";
        var list = new JsonArray();
        foreach (var id in versions)
            list.Add(new JsonObject
            {
                ["id"] = id,
                ["status"] = id == versions[0] ? "CURRENT" : "SUPPORTED",
                ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = href }),
            });
        return new JsonObject { ["versions"] = list };
    }
}
