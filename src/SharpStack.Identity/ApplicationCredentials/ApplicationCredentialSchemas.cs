using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.ApplicationCredentials;

/// <summary>Request schema of application credentials (Keystone's application_credential/schema.py).</summary>
/// <remarks>Booleans carry "enum": [true, false, null] because Keystone's nullable() appends None to the shared
/// boolean enum, and its 400 texts print the schema that way.</remarks>
public static class ApplicationCredentialSchemas
{
    public static readonly JsonSchema Create = KeystoneValidation.Schema("""
        {
          "type": "object",
          "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "[\\S]+"},
            "description": {"type": ["string", "null"]},
            "secret": {"type": ["null", "string"]},
            "expires_at": {"type": ["null", "string"]},
            "roles": {
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
            },
            "unrestricted": {"type": "boolean", "enum": [true, false, null]},
            "access_rules": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "path": {"type": "string", "minLength": 0, "maxLength": 225, "pattern": "^\\/.*"},
                  "method": {"type": "string", "pattern": "^(POST|GET|HEAD|PATCH|PUT|DELETE)$"},
                  "service": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[a-zA-Z0-9-]+$"},
                  "id": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[a-zA-Z0-9-]+$"}
                },
                "additionalProperties": false
              }
            }
          },
          "required": ["name"],
          "additionalProperties": true
        }
        """);
}
