using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Users;

/// <summary>Request schemas of users, groups and self-service password changes (Keystone's identity/schema.py).</summary>
public static class UserSchemas
{
    private const string IdString = """{"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[a-zA-Z0-9-]+$"}""";

    private const string NullableIdString = """{"type": ["string", "null"], "minLength": 1, "maxLength": 64, "pattern": "^[a-zA-Z0-9-]+$"}""";

    private const string IdentityName = """{"type": "string", "minLength": 1, "maxLength": 255, "pattern": "[\\S]+"}""";

    private const string OptionalBoolean = """{"type": ["boolean", "null"], "enum": [true, false, null]}""";

    // The user options registry's schema (identity/backends/resource_options.py), in registration order.
    private const string Options = $$"""
        {"type": "object", "properties": {
            "ignore_change_password_upon_first_use": {{OptionalBoolean}},
            "ignore_password_expiry": {{OptionalBoolean}},
            "ignore_lockout_failure_attempts": {{OptionalBoolean}},
            "lock_password": {{OptionalBoolean}},
            "ignore_user_inactivity": {{OptionalBoolean}},
            "multi_factor_auth_rules": {"type": ["array", "null"], "items": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true}, "uniqueItems": true},
            "multi_factor_auth_enabled": {{OptionalBoolean}}
        }, "additionalProperties": false}
        """;

    private const string Federated = """
        {"type": "array", "items": {"type": "object", "properties": {
            "idp_id": {"type": "string"},
            "protocols": {"type": "array", "items": {"type": "object", "properties": {
                "protocol_id": {"type": "string"}, "unique_id": {"type": "string"}},
                "required": ["protocol_id", "unique_id"]}, "minItems": 1}},
            "required": ["idp_id", "protocols"]}}
        """;

    private const string UserProperties = $$"""
        "default_project_id": {{NullableIdString}},
        "description": {"type": ["string", "null"]},
        "domain_id": {{IdString}},
        "enabled": {"type": "boolean", "enum": [true, false, null]},
        "federated": {{Federated}},
        "name": {{IdentityName}},
        "password": {"type": ["string", "null"]},
        "options": {{Options}}
        """;

    // Keystone's user schemas carry a stray top-level "options" keyword that python's validator ignores but prints
    // in its error text; it is kept verbatim so our 400 texts match.
    private static readonly JsonSchemaOptions Verbatim = JsonSchemaOptions.Keystone with { IgnoreUnknownKeywords = true };

    public static readonly JsonSchema UserCreate = JsonSchema.Parse($$"""
        {"type": "object", "properties": { {{UserProperties}} }, "required": ["name"], "options": {"type": "object"}, "additionalProperties": true}
        """, Verbatim);

    public static readonly JsonSchema UserUpdate = JsonSchema.Parse($$"""
        {"type": "object", "properties": { {{UserProperties}} }, "minProperties": 1, "options": {"type": "object"}, "additionalProperties": true}
        """, Verbatim);

    private const string GroupProperties = $$"""
        "description": {"type": ["string", "null"]},
        "domain_id": {{IdString}},
        "name": {{IdentityName}}
        """;

    public static readonly JsonSchema GroupCreate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{GroupProperties}} }, "required": ["name"], "additionalProperties": true}
        """);

    public static readonly JsonSchema GroupUpdate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{GroupProperties}} }, "minProperties": 1, "additionalProperties": true}
        """);

    // Keystone adds a "pattern" from password_regex only if the option is set when the module is imported, which
    // in a running server is before the configuration is read: the regex is enforced by PasswordRules instead.
    public static readonly JsonSchema PasswordChange = KeystoneValidation.Schema("""
        {"type": "object", "properties": {"original_password": {"type": "string"}, "password": {"type": "string"}},
         "required": ["original_password", "password"], "additionalProperties": false}
        """);
}
