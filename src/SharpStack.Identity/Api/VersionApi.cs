using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Api;

/// <summary>Version discovery: GET / (300, the list of versions) and GET /v3 (the v3 document, or JSON Home).</summary>
public static class VersionApi
{
    public const string VersionId = "v3.14";
    public const string Updated = "2020-04-07T00:00:00Z";

    public static void Map(WebApplication app)
    {
        app.MapGetHead("/", (HttpContext context) =>
            new SharpStack.Core.Http.JsonBodyResult(new JsonObject
            {
                ["versions"] = new JsonObject { ["values"] = new JsonArray(Version(context)) },
            }, 300));
        app.MapGetHead("/v3", (HttpContext context) =>
            WantsJsonHome(context)
                ? JsonHome.Result(context)
                : new SharpStack.Core.Http.JsonBodyResult(new JsonObject { ["version"] = Version(context) }, 200));
    }

    private static bool WantsJsonHome(HttpContext context) =>
        context.Request.Headers.Accept.Any(a => a is not null && a.Contains("application/json-home", StringComparison.OrdinalIgnoreCase));

    private static JsonObject Version(HttpContext context) => new()
    {
        ["id"] = VersionId,
        ["status"] = "stable",
        ["updated"] = Updated,
        ["links"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = KeystoneResponse.BaseUrl(context) + "/v3/" }),
        ["media-types"] = new JsonArray(new JsonObject
        {
            ["base"] = "application/json",
            ["type"] = "application/vnd.openstack.identity-v3+json",
        }),
    };
}
