using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Credentials;

/// <summary>Request schemas of credentials (Keystone's credential/schema.py).</summary>
public static class CredentialSchemas
{
    private const string Properties = """
        "blob": {"type": "string"},
        "project_id": {"type": "string"},
        "type": {"type": "string"},
        "user_id": {"type": "string"}
        """;

    public static readonly JsonSchema Create = KeystoneValidation.Schema($$"""
        {
          "type": "object",
          "properties": { {{Properties}} },
          "additionalProperties": true,
          "oneOf": [
            {
              "title": "ec2 credential requires project_id",
              "required": ["blob", "type", "user_id", "project_id"],
              "properties": {"type": {"enum": ["ec2"]} }
            },
            {
              "title": "non-ec2 credential does not require project_id",
              "required": ["blob", "type", "user_id"],
              "properties": {"type": {"not": {"enum": ["ec2"]} } }
            }
          ]
        }
        """);

    /// <summary>The update schema as upstream has it since the fix for CVE-2026-90460 (LP#2159643): only the blob may
    /// change, so a credential can never be moved to another user, project or type.</summary>
    public static readonly JsonSchema Update = KeystoneValidation.Schema("""
        {"type": "object", "properties": {"blob": {"type": "string"}}, "additionalProperties": false, "required": ["blob"]}
        """);
}
