using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.OAuth1;

/// <summary>Request schemas of OS-OAUTH1 (Keystone's oauth1/schema.py).</summary>
public static class OAuth1Schemas
{
    public static readonly JsonSchema ConsumerCreate = KeystoneValidation.Schema("""
        {"type": "object", "properties": {"description": {"type": ["string", "null"]}}, "additionalProperties": true}
        """);

    public static readonly JsonSchema ConsumerUpdate = KeystoneValidation.Schema("""
        {
          "type": "object",
          "properties": {"description": {"type": ["string", "null"]}},
          "not": {"required": ["secret"]},
          "minProperties": 1,
          "additionalProperties": true
        }
        """);

    public static readonly JsonSchema AuthorizeRoles = KeystoneValidation.Schema("""
        {
          "type": "array",
          "items": {
            "type": "object",
            "properties": {
              "id": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[a-zA-Z0-9-]+$"},
              "name": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "[\\S]+"}
            },
            "minProperties": 1,
            "maxProperties": 1,
            "additionalProperties": false
          }
        }
        """);
}
