using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using SharpStack.Core.Errors;
using SharpStack.Core.Validation;

namespace SharpStack.Placement.Api.Http;

/// <summary>The checks and helpers every Placement handler shares: Accept (406), JSON bodies (415, "Malformed JSON",
/// schema errors), query-string schemas, and the Last-Modified/Cache-Control pair of 1.15.</summary>
public static class PlacementRequest
{
    /// <summary>GET handlers answer JSON only: an Accept header that excludes it gets 406.</summary>
    public static void RequireJsonAccept(HttpContext context)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Length == 0) return;
        if (!MediaTypeHeaderValue.TryParseList(accept.Split(','), out var types)) return;
        foreach (var t in types)
        {
            if (t.Quality is 0) continue;
            var media = t.MediaType.Value ?? "";
            if (media is "*/*" or "application/*" or "application/json") return;
        }
        throw new ApiException(406, "Only application/json is provided");
    }

    /// <summary>Reads a JSON body: the media type must be application/json (415), the text JSON ("Malformed JSON: …"),
    /// and it must match the schema ("JSON does not validate: …").</summary>
    public static async Task<JsonNode> ReadJsonAsync(HttpContext context, JsonSchema schema)
    {
        RequireJsonContentType(context);
        var node = await ParseAsync(context);
        if (schema.Validate(node) is { } error)
            throw ApiException.BadRequest("JSON does not validate: " + error.VerboseMessage);
        return node!;
    }

    public static void RequireJsonContentType(HttpContext context)
    {
        var raw = context.Request.ContentType;
        var media = raw?.Split(';', 2)[0].Trim();
        if (!string.Equals(media, "application/json", StringComparison.OrdinalIgnoreCase))
            throw PlacementErrors.UnsupportedMediaType(string.IsNullOrEmpty(media) ? null : media);
    }

    private static async Task<JsonNode?> ParseAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0) throw ApiException.BadRequest("Malformed JSON: Expecting value: line 1 column 1 (char 0)");
        try
        {
            return JsonNode.Parse(buffer.ToArray(), documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw ApiException.BadRequest($"Malformed JSON: Expecting value: line {line} column {column} (char {column - 1})");
        }
    }

    /// <summary>The query string as upstream's schema check sees it: one value per key (the last one given).</summary>
    public static JsonObject QueryObject(HttpContext context)
    {
        var result = new JsonObject();
        foreach (var (key, values) in context.Request.Query)
            result[key] = values.Count > 0 ? values[^1] : "";
        return result;
    }

    /// <summary>Validates the query string against a schema: 400 "Invalid query string parameters: …".</summary>
    public static void ValidateQuery(HttpContext context, JsonSchema schema)
    {
        if (schema.Validate(QueryObject(context)) is { } error)
            throw ApiException.BadRequest("Invalid query string parameters: " + error.VerboseMessage);
    }

    /// <summary>From 1.15 answers carry Last-Modified (the newest change shown, or now) and Cache-Control: no-cache.</summary>
    public static void LastModified(HttpContext context, DateTime? when, bool always = false)
    {
        if (!always && !PlacementVersion.AtLeast(context, 15)) return;
        var at = DateTime.SpecifyKind(when ?? DateTime.UtcNow, DateTimeKind.Utc);
        context.Response.Headers.LastModified = at.ToString("R", CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-cache";
    }

    /// <summary>The absolute URL of a path on this service (webob makes Location headers absolute).</summary>
    public static string Absolute(HttpContext context, string path)
    {
        var r = context.Request;
        return $"{r.Scheme}://{r.Host}{r.PathBase}{path}";
    }
}
