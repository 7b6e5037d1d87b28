using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SharpStack.Identity.Api.Http;

/// <summary>Writes Keystone's response shapes: {"entity": {…, "links": {"self": …}}} and
/// {"entities": […], "links": {"self", "previous", "next"}} (with "truncated" when list_limit cut it).</summary>
public static class KeystoneResponse
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>The base URL ("http://host:5000") links are built from.</summary>
    public static string BaseUrl(HttpContext context)
    {
        var configured = context.RequestServices.GetService(typeof(IdentityEndpoint)) as IdentityEndpoint;
        if (configured?.PublicBase is { } b) return b;
        var r = context.Request;
        return $"{r.Scheme}://{r.Host}{r.PathBase}";
    }

    /// <summary>Adds "links": {"self": base/v3/{collection}/{id}} to an entity.</summary>
    public static JsonObject WithSelfLink(this JsonObject entity, HttpContext context, string path)
    {
        entity["links"] = new JsonObject { ["self"] = BaseUrl(context) + "/v3/" + path };
        return entity;
    }

    public static IResult Entity(string name, JsonNode entity, int status = 200) =>
        new JsonResult(new JsonObject { [name] = entity }, status);

    public static IResult Collection(HttpContext context, string name, IEnumerable<JsonNode> items, bool truncated = false)
    {
        var array = new JsonArray();
        foreach (var i in items) array.Add(i);
        var r = context.Request;
        var body = new JsonObject
        {
            [name] = array,
            ["links"] = new JsonObject
            {
                ["self"] = BaseUrl(context) + r.Path.Value + r.QueryString.Value,
                ["previous"] = null,
                ["next"] = null,
            },
        };
        if (truncated) body["truncated"] = true;
        return new JsonResult(body, 200);
    }

    /// <summary>A JSON body with an explicit status, serialized without reflection.</summary>
    public sealed class JsonResult(JsonNode body, int status) : IResult
    {
        public JsonNode Body { get; } = body;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "application/json";
            var bytes = JsonSerializer.SerializeToUtf8Bytes(Body, Options);
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
        }
    }
}

/// <summary>The configured public base URL of Identity, when [identity] public_endpoint is set.</summary>
public sealed record IdentityEndpoint(string? PublicBase);
