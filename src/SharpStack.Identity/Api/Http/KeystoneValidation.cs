using System.Text.Json.Nodes;
using SharpStack.Core.Errors;
using SharpStack.Core.Validation;

namespace SharpStack.Identity.Api.Http;

/// <summary>Validates request entities against Keystone's JSON schemas, answering Keystone's 400 text
/// ("Invalid input for field 'name': 5 is not of type 'string'").</summary>
public static class KeystoneValidation
{
    public static JsonSchema Schema(string json) => JsonSchema.Parse(json, JsonSchemaOptions.Keystone);

    /// <param name="entity">Usually an object; any node (or null) is checked as Keystone checks what the body held.</param>
    public static void Check(this JsonSchema schema, JsonNode? entity)
    {
        var error = schema.Validate(entity);
        if (error is null) return;
        throw ApiException.BadRequest(error.Path.Count > 0
            ? $"Invalid input for field '{error.JoinedPath()}': {error.VerboseMessage}"
            : error.VerboseMessage);
    }
}
