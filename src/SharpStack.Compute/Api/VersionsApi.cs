using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Compute.Api.Http;
using SharpStack.Core.Http;

namespace SharpStack.Compute.Api;

/// <summary>Version discovery as Nova answers it: GET / lists v2.0 (the legacy API) and v2.1 (current, 2.1–2.93);
/// GET /v2.1/ and /v2/ describe one of them. No token needed.</summary>
public static class VersionsApi
{
    private const string V2Updated = "2011-01-21T11:33:21Z";
    private const string V21Updated = "2013-07-23T11:33:21Z";

    public static void Map(WebApplication app)
    {
        app.MapGetHead("/", (HttpContext context) => new JsonBodyResult(new JsonObject
        {
            ["versions"] = new JsonArray(Summary(context, legacy: true), Summary(context, legacy: false)),
        }, 200));
        app.MapGetHead("/v2.1", (HttpContext context) => new JsonBodyResult(Version(context, legacy: false), 200));
        app.MapGetHead("/v2.1/", (HttpContext context) => new JsonBodyResult(Version(context, legacy: false), 200));
        app.MapGetHead("/v2", (HttpContext context) => new JsonBodyResult(Version(context, legacy: true), 200));
        app.MapGetHead("/v2/", (HttpContext context) => new JsonBodyResult(Version(context, legacy: true), 200));
    }

    private static JsonObject Summary(HttpContext context, bool legacy) => new()
    {
        ["id"] = legacy ? "v2.0" : "v2.1",
        ["status"] = legacy ? "SUPPORTED" : "CURRENT",
        ["version"] = legacy ? "" : ComputeVersion.Maximum.ToString(),
        ["min_version"] = legacy ? "" : ComputeVersion.Minimum.ToString(),
        ["updated"] = legacy ? V2Updated : V21Updated,
        ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = Href(context, legacy) }),
    };

    private static JsonObject Version(HttpContext context, bool legacy)
    {
        var version = Summary(context, legacy);
        ((JsonArray)version["links"]!).Add(new JsonObject { ["rel"] = "describedby", ["type"] = "text/html", ["href"] = "http://docs.openstack.org/" });
        version["media-types"] = new JsonArray(new JsonObject
        {
            ["base"] = "application/json",
            ["type"] = "application/vnd.openstack.compute+json;version=" + (legacy ? "2" : "2.1"),
        });
        return new JsonObject { ["version"] = version };
    }

    private static string Href(HttpContext context, bool legacy)
    {
        var r = context.Request;
        return $"{r.Scheme}://{r.Host}{r.PathBase}/{(legacy ? "v2" : "v2.1")}/";
    }
}
