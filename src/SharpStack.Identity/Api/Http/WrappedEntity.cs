using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Validation;

namespace SharpStack.Identity.Api.Http;

/// <summary>Keystone's request_body_json.get(wrapper, {}) followed by schema validation: a missing wrapper reads as
/// {} (so the schema names what is missing), a wrapper that is not an object fails the schema's type check.</summary>
public static class WrappedEntity
{
    public static async Task<JsonObject> ReadAsync(HttpContext context, string wrapper, JsonSchema schema)
    {
        var node = Unwrap(await KeystoneRequest.ReadObjectAsync(context), wrapper);
        schema.Check(node);
        return (JsonObject)node!;
    }

    /// <summary>The wrapped value, {} when absent (null stays null, for the schema to refuse).</summary>
    public static JsonNode? Unwrap(JsonObject body, string wrapper) =>
        body.TryGetPropertyValue(wrapper, out var node) ? node : new JsonObject();
}
