using SharpStack.Core.Validation;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.Catalog;

/// <summary>Request schemas of regions, services and endpoints (Keystone's catalog/schema.py).</summary>
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
}
