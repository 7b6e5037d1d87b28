using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Resources;

/// <summary>Request schemas of projects, domains and project tags (Keystone's resource/schema.py).</summary>
public static class ResourceSchemas
{
    // Keystone's validation.nullable() appends None to the shared boolean enum, so every boolean in its schemas
    // (even non-nullable ones) lists [True, False, None]; the enum shows in error texts, so it is kept here.
    private const string Boolean = """{"type": "boolean", "enum": [true, false, null]}""";

    private const string Name = """{"type": "string", "minLength": 1, "maxLength": 64, "pattern": "[\\S]+"}""";

    private const string IdString = """{"type": ["string", "null"], "minLength": 1, "maxLength": 64, "pattern": "^[a-zA-Z0-9-]+$"}""";

    private const string Tag = """{"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[^,/]*$"}""";

    private const string Tags = $$"""{"type": "array", "items": {{Tag}}, "required": [], "maxItems": 80, "uniqueItems": true}""";

    private const string Options = """
        {"type": "object", "properties": {"immutable": {"type": ["boolean", "null"], "enum": [true, false, null]}},
         "additionalProperties": false}
        """;

    private const string ProjectProperties = $$"""
        "description": {"type": ["string", "null"]},
        "domain_id": {{IdString}},
        "enabled": {{Boolean}},
        "is_domain": {{Boolean}},
        "parent_id": {{IdString}},
        "name": {{Name}},
        "tags": {{Tags}},
        "options": {{Options}}
        """;

    private const string DomainProperties = $$"""
        "description": {"type": ["string", "null"]},
        "enabled": {{Boolean}},
        "name": {{Name}},
        "tags": {{Tags}}
        """;

    public static readonly JsonSchema ProjectCreate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{ProjectProperties}} }, "required": ["name"], "additionalProperties": true}
        """);

    public static readonly JsonSchema ProjectUpdate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{ProjectProperties}} }, "minProperties": 1, "additionalProperties": true}
        """);

    public static readonly JsonSchema DomainCreate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{DomainProperties}} }, "required": ["name"], "additionalProperties": true}
        """);

    public static readonly JsonSchema DomainUpdate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{DomainProperties}} }, "minProperties": 1, "additionalProperties": true}
        """);

    /// <summary>One tag given in the URL (PUT /v3/projects/{id}/tags/{tag}).</summary>
    public static readonly JsonSchema TagCreate = KeystoneValidation.Schema(Tag);

    /// <summary>All tags of a project (PUT /v3/projects/{id}/tags, and the list a new tag would make).</summary>
    public static readonly JsonSchema TagsUpdate = KeystoneValidation.Schema(Tags);
}
