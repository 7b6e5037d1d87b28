using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Resources;

/// <summary>Reads resource request bodies as Keystone's resource APIs do: <c>body.get('project', {})</c>, so a missing
/// member validates as {} and a non-object member fails the schema with the schema's own text.</summary>
public static class ResourceRequest
{
    /// <summary>The body's <paramref name="member"/>: an empty object when absent, JSON null when null.</summary>
    public static async Task<JsonNode?> ReadMemberAsync(HttpContext context, string member)
    {
        var body = await KeystoneRequest.ReadObjectAsync(context);
        return body.TryGetPropertyValue(member, out var value) ? value : new JsonObject();
    }

    /// <summary>Keystone's 400 for a schema violation of any JSON value (objects, arrays, strings).</summary>
    public static void Check(JsonSchema schema, JsonNode? value)
    {
        var error = schema.Validate(value);
        if (error is null) return;
        throw ApiException.BadRequest(error.Path.Count > 0
            ? $"Invalid input for field '{error.JoinedPath()}': {error.VerboseMessage}"
            : error.VerboseMessage);
    }
}
