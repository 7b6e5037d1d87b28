using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Resources;

/// <summary>Reads resource request bodies as Keystone's resource APIs do: <c>body.get('project', {})</c>, so a missing
/// member validates as {} and a non-object member fails the schema (KeystoneValidation.Check) with the schema's own text.</summary>
public static class ResourceRequest
{
    /// <summary>The body's <paramref name="member"/>: an empty object when absent, JSON null when null.</summary>
    public static async Task<JsonNode?> ReadMemberAsync(HttpContext context, string member)
    {
        var body = await KeystoneRequest.ReadObjectAsync(context);
        return body.TryGetPropertyValue(member, out var value) ? value : new JsonObject();
    }
}
