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

    /// <summary>The update schema of Keystone Zed and of the API reference: any of blob, project_id, type, user_id (the
    /// reference cloud's security backport narrowed it to blob alone; see <see cref="CredentialManager.UpdateAsync"/>).</summary>
    public static readonly JsonSchema Update = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{Properties}} }, "minProperties": 1, "additionalProperties": true}
        """);
}
