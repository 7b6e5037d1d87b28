using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;

namespace SharpStack.Identity.Api.Http;

/// <summary>Reads request bodies as Keystone does: JSON only, strict UTF-8, Keystone's error texts.</summary>
public static class KeystoneRequest
{
    private const string Suffix = " The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.";

    /// <summary>Keystone's ValidationError text: "Expecting to find {attribute} in {target}. …".</summary>
    public static ApiException Expecting(string attribute, string target) =>
        ApiException.BadRequest($"Expecting to find {attribute} in {target}." + Suffix);

    /// <summary>Reads the whole body as a JSON object; an empty body reads as {}.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0) return [];
        // Keystone parses a body without Content-Type as JSON too, and accepts application/*+json.
        if (!string.IsNullOrEmpty(request.ContentType) && !IsJson(request.ContentType))
            throw Expecting("application/json", "Content-Type header");
        JsonNode? node;
        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 64 });
            node = ToNode(document.RootElement);
        }
        catch (JsonException)
        {
            throw Expecting("valid JSON", "request body");
        }
        catch (DecoderFallbackException)
        {
            throw Expecting("valid JSON", "request body");
        }
        catch (ArgumentException)
        {
            throw Expecting("valid JSON", "request body");
        }
        return node as JsonObject ?? throw Expecting("valid JSON", "request body");
    }

    /// <summary>Builds the node tree eagerly, the last of duplicate keys winning as in Python's json (a lazily built
    /// JsonObject would throw on duplicates later, outside this method's error handling).</summary>
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

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
