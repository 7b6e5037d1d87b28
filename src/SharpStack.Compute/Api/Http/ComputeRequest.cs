using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Core.Validation;

namespace SharpStack.Compute.Api.Http;

/// <summary>Request bodies as Nova's wsgi layer reads them, and their validation against Nova's schemas.</summary>
public static class ComputeRequest
{
    private static readonly string[] Supported = ["application/json", "application/vnd.openstack.compute+json"];

    /// <summary>The JSON body; an empty object when there is none or when Content-Type is absent or text/plain (Nova
    /// ignores such bodies); 415 for another media type, 400 for JSON that does not parse.</summary>
    public static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType?.Split(';')[0].Trim();
        if (string.IsNullOrEmpty(contentType) || contentType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)) return new JsonObject();
        if (!Supported.Contains(contentType, StringComparer.OrdinalIgnoreCase))
            throw new ApiException(415, "Unsupported Content-Type");
        var parsed = await JsonRequestBody.ReadAsync(context, () => ApiException.BadRequest("Malformed request body"));
        return parsed.Empty ? new JsonObject() : parsed.Value;
    }

    /// <summary>Reads the body and validates it; 400 with Nova's wording when the schema refuses it.</summary>
    public static async Task<JsonObject> ReadValidatedAsync(HttpContext context, JsonSchema schema)
    {
        var body = await ReadBodyAsync(context);
        Validate(schema, body);
        return (JsonObject)body!;
    }

    /// <summary>Validates the query string as Nova's query_schema does: each parameter as the list of its values;
    /// the error names the parameter ("Invalid input for query parameters limit. Value: -1. …").</summary>
    public static void ValidateQuery(JsonSchema schema, HttpContext context)
    {
        var query = new JsonObject();
        foreach (var (key, values) in context.Request.Query)
            query[key] = new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        if (schema.Validate(query) is not { } error) return;
        if (error.AbsolutePath.Count > 0)
            throw ApiException.BadRequest($"Invalid input for query parameters {error.AbsolutePath[0]}. Value: {error.InstanceText}. {error.Message}");
        throw ApiException.BadRequest(error.Message);
    }

    /// <summary>nova.api.validation's _SchemaValidator.validate: a name-format failure speaks for itself, an error
    /// inside the body names the innermost field and the value, one at the top is the bare message.</summary>
    public static void Validate(JsonSchema schema, JsonNode? body)
    {
        if (schema.Validate(body) is not { } error) return;
        if (ComputeSchemas.InvalidNameReason(error) is { } reason)
            throw ApiException.BadRequest($"An invalid 'name' value was provided. The name must be: {reason}");
        if (error.Path.Count > 0)
            throw ApiException.BadRequest($"Invalid input for field/attribute {error.Path[^1]}. Value: {error.InstanceText}. {error.Message}");
        throw ApiException.BadRequest(error.Message);
    }
}
