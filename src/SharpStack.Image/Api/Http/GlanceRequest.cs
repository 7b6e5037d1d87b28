using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;

namespace SharpStack.Image.Api.Http;

/// <summary>Reads JSON request bodies with Glance's refusals.</summary>
public static class GlanceRequest
{
    /// <summary>The body as a JSON object; Glance answers a body that is not an object (or missing) with 400.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        var parsed = await JsonRequestBody.ReadAsync(context, () => ApiException.BadRequest("Malformed JSON in request body."));
        if (parsed.Empty) throw ApiException.BadRequest("Body expected in request.");
        return parsed.Value as JsonObject ?? throw ApiException.BadRequest("Malformed JSON in request body.");
    }
}

/// <summary>Glance's JSONRequestDeserializer: a body that is a JSON object or array, with its refusals.</summary>
public static class GlanceJsonBody
{
    /// <summary>The body as a JSON object or array: none → "Body expected in request.", not JSON → "Malformed JSON
    /// in request body.", a JSON scalar → "Unexpected body type. Expected list/dict.".</summary>
    public static async Task<JsonNode> ReadAsync(HttpContext context)
    {
        var parsed = await JsonRequestBody.ReadAsync(context, () => ApiException.BadRequest("Malformed JSON in request body."));
        if (parsed.Empty) throw ApiException.BadRequest("Body expected in request.");
        return parsed.Value is JsonObject or JsonArray
            ? parsed.Value
            : throw ApiException.BadRequest("Unexpected body type. Expected list/dict.");
    }
}
