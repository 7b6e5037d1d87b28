using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Federation;

/// <summary>Request schemas of OS-FEDERATION (Keystone's federation/schema.py).</summary>
/// <remarks>Booleans carry "enum": [true, false, null] because Keystone's nullable() appends None to the shared
/// boolean enum, and its 400 texts print the schema that way.</remarks>
public static class FederationSchemas
{
    private const string Url = """{"type": "string", "minLength": 0, "maxLength": 225, "pattern": "^[a-zA-Z0-9+.-]+:.+"}""";
    private const string Boolean = """{"type": "boolean", "enum": [true, false, null]}""";
    private const string RemoteIds = """{"type": ["array", "null"], "items": {"type": "string"}, "uniqueItems": true}""";

    private const string ServiceProviderProperties = $$"""
        "auth_url": {{Url}},
        "sp_url": {{Url}},
        "description": {"type": ["string", "null"]},
        "enabled": {{Boolean}},
        "relay_state_prefix": {"type": ["string", "null"]}
        """;

    public static readonly JsonSchema ServiceProviderCreate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{ServiceProviderProperties}} }, "required": ["auth_url", "sp_url"], "additionalProperties": false}
        """);

    public static readonly JsonSchema ServiceProviderUpdate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{ServiceProviderProperties}} }, "minProperties": 1, "additionalProperties": false}
        """);

    public static readonly JsonSchema IdentityProviderCreate = KeystoneValidation.Schema($$"""
        {
          "type": "object",
          "properties": {
            "enabled": {{Boolean}},
            "description": {"type": ["string", "null"]},
            "domain_id": {"type": ["string", "null"], "minLength": 1, "maxLength": 64, "pattern": "^[a-zA-Z0-9-]+$"},
            "authorization_ttl": {"type": ["integer", "null"], "minimum": 0},
            "remote_ids": {{RemoteIds}}
          },
          "additionalProperties": false
        }
        """);

    public static readonly JsonSchema IdentityProviderUpdate = KeystoneValidation.Schema($$"""
        {
          "type": "object",
          "properties": {
            "enabled": {{Boolean}},
            "description": {"type": ["string", "null"]},
            "authorization_ttl": {"type": ["integer", "null"], "minimum": 0},
            "remote_ids": {{RemoteIds}}
          },
          "minProperties": 1,
          "additionalProperties": false
        }
        """);

    private const string ProtocolProperties = """
        "mapping_id": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[a-zA-Z0-9-_]+$"},
        "remote_id_attribute": {"type": "string", "maxLength": 64}
        """;

    public static readonly JsonSchema ProtocolCreate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{ProtocolProperties}} }, "required": ["mapping_id"], "additionalProperties": false}
        """);

    public static readonly JsonSchema ProtocolUpdate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{ProtocolProperties}} }, "minProperties": 1, "additionalProperties": false}
        """);
}
