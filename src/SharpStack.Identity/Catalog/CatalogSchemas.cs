using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Catalog;

/// <summary>Request schemas of regions, services, endpoints and endpoint groups (Keystone's catalog/schema.py).</summary>
public static class CatalogSchemas
{
    private const string RegionProperties = """
        "description": {"type": ["string", "null"]},
        "id": {"type": "string"},
        "parent_region_id": {"type": ["string", "null"]}
        """;

    public static readonly JsonSchema RegionCreate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{RegionProperties}} }, "additionalProperties": true}
        """);

    public static readonly JsonSchema RegionUpdate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{RegionProperties}} }, "minProperties": 1, "additionalProperties": true}
        """);

    // parameter_types.boolean: Keystone's nullable() appends None to this shared enum at import, so its texts show it.
    private const string Boolean = """{"type": "boolean", "enum": [true, false, null]}""";

    private const string Name = """{"type": "string", "minLength": 1, "maxLength": 255, "pattern": "[\\S]+"}""";

    private const string ServiceProperties = $$"""
        "enabled": {{Boolean}},
        "name": {{Name}},
        "type": {"type": "string", "minLength": 1, "maxLength": 255}
        """;

    public static readonly JsonSchema ServiceCreate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{ServiceProperties}} }, "required": ["type"], "additionalProperties": true}
        """);

    public static readonly JsonSchema ServiceUpdate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{ServiceProperties}} }, "minProperties": 1, "additionalProperties": true}
        """);

    private const string EndpointProperties = $$"""
        "enabled": {{Boolean}},
        "interface": {"type": "string", "enum": ["admin", "internal", "public"]},
        "region_id": {"type": "string"},
        "region": {"type": "string"},
        "service_id": {"type": "string"},
        "url": {"type": "string", "minLength": 0, "maxLength": 225, "pattern": "^[a-zA-Z0-9+.-]+:.+"}
        """;

    public static readonly JsonSchema EndpointCreate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{EndpointProperties}} }, "required": ["interface", "service_id", "url"], "additionalProperties": true}
        """);

    public static readonly JsonSchema EndpointUpdate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{EndpointProperties}} }, "minProperties": 1, "additionalProperties": true}
        """);

    private const string EndpointGroupProperties = $$"""
        "description": {"type": ["string", "null"]},
        "filters": {"type": "object"},
        "name": {{Name}}
        """;

    public static readonly JsonSchema EndpointGroupCreate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{EndpointGroupProperties}} }, "required": ["name", "filters"]}
        """);

    public static readonly JsonSchema EndpointGroupUpdate = KeystoneValidation.Schema($$"""
        {"type": "object", "properties": { {{EndpointGroupProperties}} }, "minProperties": 1}
        """);
}
