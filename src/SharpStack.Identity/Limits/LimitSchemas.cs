using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Limits;

/// <summary>Request schemas of registered limits and limits (Keystone's limit/schema.py).</summary>
public static class LimitSchemas
{
    private const string IdString = """{"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[a-zA-Z0-9-]+$"}""";
    private const string Value = """{"type": "integer", "minimum": -1, "maximum": 2147483647}""";
    private const string ResourceName = """{"type": "string", "minLength": 1, "maxLength": 255}""";
    private const string Description = """{"type": ["string", "null"]}""";

    private const string RegisteredLimitProperties = $$"""
        "service_id": {{IdString}},
        "region_id": {"type": ["null", "string"]},
        "resource_name": {{ResourceName}},
        "default_limit": {{Value}},
        "description": {{Description}}
        """;

    public static readonly JsonSchema RegisteredLimitCreate = KeystoneValidation.Schema($$"""
        {
          "type": "array",
          "items": {
            "type": "object",
            "properties": { {{RegisteredLimitProperties}} },
            "additionalProperties": false,
            "required": ["service_id", "resource_name", "default_limit"]
          },
          "minItems": 1
        }
        """);

    public static readonly JsonSchema RegisteredLimitUpdate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{RegisteredLimitProperties}} }, "additionalProperties": false}
        """);

    private static string LimitProperties(string owner) => $$"""
        "{{owner}}": {{IdString}},
        "service_id": {{IdString}},
        "region_id": {"type": "string"},
        "resource_name": {{ResourceName}},
        "resource_limit": {{Value}},
        "description": {{Description}}
        """;

    public static readonly JsonSchema LimitCreate = KeystoneValidation.Schema($$"""
        {
          "type": "array",
          "items": {
            "type": "object",
            "oneOf": [
              {
                "properties": { {{LimitProperties("project_id")}} },
                "required": ["project_id", "service_id", "resource_name", "resource_limit"],
                "additionalProperties": false
              },
              {
                "properties": { {{LimitProperties("domain_id")}} },
                "required": ["domain_id", "service_id", "resource_name", "resource_limit"],
                "additionalProperties": false
              }
            ]
          },
          "minItems": 1
        }
        """);

    public static readonly JsonSchema LimitUpdate = KeystoneValidation.Schema($$"""
        {
          "type": "object",
          "properties": {"resource_limit": {{Value}}, "description": {{Description}}},
          "additionalProperties": false
        }
        """);
}
