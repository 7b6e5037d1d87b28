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
        var contentType = context.Request.ContentType;
        // Keystone parses a body without Content-Type as JSON too, and accepts application/*+json.
        var parsed = await JsonRequestBody.ReadAsync(context, () => Expecting("valid JSON", "request body"), () =>
        {
            if (!string.IsNullOrEmpty(contentType) && !JsonRequestBody.IsJson(contentType))
                throw Expecting("application/json", "Content-Type header");
        });
        if (parsed.Empty) return [];
        return parsed.Value as JsonObject ?? throw Expecting("valid JSON", "request body");
    }
}
