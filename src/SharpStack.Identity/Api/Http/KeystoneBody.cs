using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Core.Validation;

namespace SharpStack.Identity.Api.Http;

/// <summary>Reads a request member the way Keystone's resources do (<c>request_body_json.get(wrapper)</c>, or
/// <c>.get(wrapper, {})</c>) and validates it against the resource schema, so a missing, null or mistyped wrapper
/// answers the schema's own 400 text ("None is not of type 'object'") as Keystone does.</summary>
public static class KeystoneBody
{
    /// <param name="emptyWhenMissing">True where Keystone reads <c>.get(wrapper, {})</c>: an absent wrapper validates as {}.</param>
    public static async Task<JsonObject> ReadObjectAsync(HttpContext context, string wrapper, JsonSchema schema, bool emptyWhenMissing = false)
    {
        var node = await ReadAsync(context, wrapper, schema, emptyWhenMissing ? new JsonObject() : null);
        return node as JsonObject ?? throw ApiException.BadRequest($"Invalid input for field '{wrapper}': the value must be an object.");
    }

    /// <summary>The batch form (<c>{"limits": [...]}</c>); an absent wrapper validates as {} as Keystone's <c>.get(wrapper, {})</c>.</summary>
    public static async Task<JsonArray> ReadArrayAsync(HttpContext context, string wrapper, JsonSchema schema)
    {
        var node = await ReadAsync(context, wrapper, schema, new JsonObject());
        return node as JsonArray ?? throw ApiException.BadRequest($"Invalid input for field '{wrapper}': the value must be an array.");
    }

    /// <summary>The body's <paramref name="wrapper"/> unvalidated (<c>body.get(wrapper, {})</c>): {} when absent, JSON
    /// null when null; for resources whose checks depend on more than one schema.</summary>
    public static async Task<JsonNode?> ReadMemberAsync(HttpContext context, string wrapper)
    {
        var body = await KeystoneRequest.ReadObjectAsync(context);
        return body.TryGetPropertyValue(wrapper, out var value) ? value : new JsonObject();
    }

    /// <summary>Keystone's _normalize_dict on create: ':' and '-' in top-level keys become '_' (a later key wins).</summary>
    public static JsonObject Normalize(JsonObject entity)
    {
        var result = new JsonObject();
        foreach (var (k, v) in entity)
            result[k.Replace(':', '_').Replace('-', '_')] = v?.DeepClone();
        return result;
    }

    /// <summary>Keystone's _require_matching_id: an "id" in the body must equal the one in the path.</summary>
    public static void RequireMatchingId(JsonObject entity, string id, string message = "Cannot change ID")
    {
        if (entity["id"] is not { } given) return;
        if (given is not JsonValue value || !value.TryGetValue<string>(out var text) || text != id)
            throw ApiException.BadRequest(message);
    }

    private static async Task<JsonNode?> ReadAsync(HttpContext context, string wrapper, JsonSchema schema, JsonNode? missing)
    {
        var body = await KeystoneRequest.ReadObjectAsync(context);
        var value = body.TryGetPropertyValue(wrapper, out var node) ? node : missing;
        schema.Check(value);
        return value;
    }
}
