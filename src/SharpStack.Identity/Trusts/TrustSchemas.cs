using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Trusts;

/// <summary>Request schema of trusts (Keystone's trust/schema.py).</summary>
/// <remarks>Booleans carry "enum": [true, false, null] because Keystone's nullable() appends None to the shared
/// boolean enum, and its 400 texts print the schema that way.</remarks>
public static class TrustSchemas
{
    public static readonly JsonSchema Create = KeystoneValidation.Schema("""
        {
          "type": "object",
          "properties": {
            "trustor_user_id": {"type": "string", "minLength": 1, "maxLength": 64},
            "trustee_user_id": {"type": "string", "minLength": 1, "maxLength": 64},
            "impersonation": {"type": "boolean", "enum": [true, false, null]},
            "project_id": {"type": ["string", "null"], "minLength": 1, "maxLength": 64, "pattern": "^[a-zA-Z0-9-]+$"},
            "remaining_uses": {"type": ["integer", "null"], "minimum": 1},
            "expires_at": {"type": ["null", "string"]},
            "allow_redelegation": {"type": ["boolean", "null"]},
            "redelegation_count": {"type": ["integer", "null"], "minimum": 0},
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
            }
          },
          "required": ["trustor_user_id", "trustee_user_id", "impersonation"],
          "additionalProperties": true
        }
        """);
}
