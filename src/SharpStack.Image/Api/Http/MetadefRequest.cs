using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;

namespace SharpStack.Image.Api.Http;

/// <summary>Reads metadef request bodies as Glance's metadef deserializers do: a JSON body, read-only attributes
/// refused with 403, and (routes declared with body_reject) no body where none belongs.</summary>
public static class MetadefRequest
{
    public static readonly string[] LinkedReadOnly = ["self", "schema", "created_at", "updated_at"];
    public static readonly string[] ReadOnly = ["created_at", "updated_at"];

    public static async Task<JsonObject> ReadAsync(HttpContext context, IReadOnlyList<string> readOnly)
    {
        var body = await GlanceJsonBody.ReadAsync(context);
        foreach (var key in readOnly)
            if (body is JsonObject o ? o.ContainsKey(key) : body.AsArray().Any(i => i is JsonValue v && v.TryGetValue<string>(out var s) && s == key))
                throw ApiException.Forbidden($"Attribute '{key}' is read-only.");
        // Glance's schemas do not require an object; its models then fail on a list. Refuse it plainly.
        return body as JsonObject ?? throw ApiException.BadRequest("Invalid input: the request body must be a JSON object.");
    }

    /// <summary>Glance's body_reject routes: a body is refused with 400.</summary>
    public static void RejectBody(HttpContext context)
    {
        if (context.Request.ContentLength > 0) throw ApiException.BadRequest("A body is not expected with this request.");
    }
}
