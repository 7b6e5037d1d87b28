using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.PolicyBlobs;

/// <summary>Request schemas of policy blobs (Keystone's policy/schema.py).</summary>
public static class PolicySchemas
{
    private const string Properties = """
        "blob": {"type": "string"},
        "type": {"type": "string", "maxLength": 255}
        """;

    public static readonly JsonSchema Create = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{Properties}} }, "required": ["blob", "type"], "additionalProperties": true}
        """);

    public static readonly JsonSchema Update = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{Properties}} }, "minProperties": 1, "additionalProperties": true}
        """);
}
