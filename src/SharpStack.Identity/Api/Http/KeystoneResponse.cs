using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Http;

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
        new JsonBodyResult(new JsonObject { [name] = entity }, status);

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
        return new JsonBodyResult(body, 200);
    }

    /// <summary>A collection written item by item as it is read, so a list of thousands holds one rendered item in
    /// memory at a time rather than the whole tree; <paramref name="limit"/> cuts it and marks it truncated.</summary>
    public static IResult StreamedCollection(HttpContext context, string name, IAsyncEnumerable<JsonObject> items, int? limit = null) =>
        new StreamedCollectionResult(name, items, limit);

    private sealed class StreamedCollectionResult(string name, IAsyncEnumerable<JsonObject> items, int? limit) : IResult
    {
        // Large lists are CPU-bound: running more of them at once than there are cores only adds memory in flight
        // (each holds its rows and output), so they take turns; throughput is the same.
        private static readonly SemaphoreSlim Turns = new(Math.Max(2, Environment.ProcessorCount), Math.Max(2, Environment.ProcessorCount));

        public async Task ExecuteAsync(HttpContext context)
        {
            await Turns.WaitAsync(context.RequestAborted);
            try
            {
                await WriteAsync(context);
            }
            finally
            {
                Turns.Release();
            }
        }

        private Task WriteAsync(HttpContext context) => SharpStack.Core.Http.PooledJsonBody.WriteAsync(context, 200, async writer =>
        {
            var r = context.Request;
            writer.WriteStartObject();
            writer.WriteStartArray(name);
            var count = 0;
            var truncated = false;
            await foreach (var item in items.WithCancellation(context.RequestAborted))
            {
                if (limit is { } max && count == max)
                {
                    truncated = true;
                    break;
                }
                item.WriteTo(writer, Options);
                count++;
            }
            writer.WriteEndArray();
            writer.WriteStartObject("links");
            writer.WriteString("self", BaseUrl(context) + r.Path.Value + r.QueryString.Value);
            writer.WriteNull("previous");
            writer.WriteNull("next");
            writer.WriteEndObject();
            if (truncated) writer.WriteBoolean("truncated", true);
            writer.WriteEndObject();
        });
    }

}

/// <summary>The configured public base URL of Identity, when [identity] public_endpoint is set.</summary>
public sealed record IdentityEndpoint(string? PublicBase);
