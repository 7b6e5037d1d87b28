using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SharpStack.Core.Http;

/// <summary>Reads a request body as JSON the way the Python services do: strict UTF-8, the last of duplicate keys
/// winning, depth-limited. Each service words the refusal itself.</summary>
public static class JsonRequestBody
{
    /// <summary>The result of reading: whether the body was empty, and the parsed value (JSON null reads as null).</summary>
    public readonly record struct Parsed(bool Empty, JsonNode? Value);

    /// <param name="invalid">The error to throw when the body is not valid JSON.</param>
    /// <param name="beforeParse">Runs when the body is not empty, before parsing (e.g. to refuse a wrong Content-Type).</param>
    public static async Task<Parsed> ReadAsync(HttpContext context, Func<Exception> invalid, Action? beforeParse = null)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0) return new Parsed(true, null);
        beforeParse?.Invoke();
        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 64 });
            return new Parsed(false, ToNode(document.RootElement));
        }
        catch (Exception e) when (e is JsonException or DecoderFallbackException or ArgumentException)
        {
            throw invalid();
        }
    }

    /// <summary>Whether a Content-Type is JSON (application/json or application/*+json).</summary>
    public static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Builds the node tree eagerly, the last of duplicate keys winning as in Python's json (a lazily built
    /// JsonObject would throw on duplicates later, outside the caller's error handling).</summary>
    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject()) obj[property.Name] = ToNode(property.Value);
                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray()) array.Add(ToNode(item));
                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
