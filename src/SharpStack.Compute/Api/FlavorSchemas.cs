using SharpStack.Compute.Api.Http;
using SharpStack.Core.Validation;

namespace SharpStack.Compute.Api;

/// <summary>Nova's flavor request schemas (schemas/flavor_manage.py, flavors.py, flavor_access.py,
/// flavors_extraspecs.py), keys in upstream's order so the same error comes first.</summary>
public static class FlavorSchemas
{
    private const string Positive = """{"type": ["integer", "string"], "pattern": "^[0-9]+$", "minimum": 1, "maximum": 2147483647}""";
    private const string NonNegative = """{"type": ["integer", "string"], "pattern": "^[0-9]+$", "minimum": 0, "maximum": 2147483647}""";
    private const string Boolean = """{"type": ["boolean", "string"], "enum": [true, "True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes", false, "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No", "no"]}""";
    private const string Description = """{"type": ["string", "null"], "minLength": 0, "maxLength": 65535}""";

    private static string CreateJson(bool description) => Fill("""
        {"type": "object",
         "properties": {
           "flavor": {"type": "object",
             "properties": {
               "name": {"type": "string", "minLength": 1, "maxLength": 255, "format": "name"},
               "id": {"type": ["string", "number", "null"], "minLength": 1, "maxLength": 255, "pattern": "^(?! )[a-zA-Z0-9. _-]+(?<! )$"},
               "ram": @POSITIVE@,
               "vcpus": @POSITIVE@,
               "disk": @NONNEG@,
               "OS-FLV-EXT-DATA:ephemeral": @NONNEG@,
               "swap": @NONNEG@,
               "rxtx_factor": {"type": ["number", "string"], "pattern": "^[0-9]+(\\.[0-9]+)?$", "minimum": 0, "exclusiveMinimum": true, "maximum": 3.40282e+38},
               "os-flavor-access:is_public": @BOOL@@EXTRA@
             },
             "required": ["name", "ram", "vcpus", "disk"],
             "additionalProperties": false}
         },
         "required": ["flavor"],
         "additionalProperties": false}
        """).Replace("@EXTRA@", description ? ",\n\"description\": " + Description : "");

    public static JsonSchema Create { get; } = ComputeSchemas.Parse(CreateJson(false));
    public static JsonSchema Create255 { get; } = ComputeSchemas.Parse(CreateJson(true));

    public static JsonSchema Update255 { get; } = ComputeSchemas.Parse(Fill("""
        {"type": "object",
         "properties": {"flavor": {"type": "object", "properties": {"description": @DESC@},
                                   "required": ["description"], "additionalProperties": false}},
         "required": ["flavor"], "additionalProperties": false}
        """));

    private static string IndexQueryJson(bool strict) => """
        {"type": "object",
         "properties": {
           "limit": {"type": "array", "items": {"type": ["integer", "string"], "pattern": "^[0-9]*$", "minimum": 0, "minLength": 1}},
           "marker": {"type": "array", "items": {"type": "string"}},
           "is_public": {"type": "array", "items": {"type": "string"}},
           "minRam": {"type": "array", "items": {"type": "string"}},
           "minDisk": {"type": "array", "items": {"type": "string"}},
           "sort_key": {"type": "array", "items": {"type": "string", "enum": ["created_at", "description", "disabled", "ephemeral_gb", "flavorid", "id", "is_public", "memory_mb", "name", "root_gb", "rxtx_factor", "swap", "updated_at", "vcpu_weight", "vcpus"]}},
           "sort_dir": {"type": "array", "items": {"type": "string", "enum": ["asc", "desc"]}}
         },
         "additionalProperties": @ADDITIONAL@}
        """.Replace("@ADDITIONAL@", strict ? "false" : "true");

    public static JsonSchema IndexQuery { get; } = ComputeSchemas.Parse(IndexQueryJson(false));
    public static JsonSchema IndexQuery275 { get; } = ComputeSchemas.Parse(IndexQueryJson(true));

    /// <summary>The query parameters the index schema names (others are dropped before paging links are built).</summary>
    public static readonly IReadOnlyCollection<string> IndexParameters = ["limit", "marker", "is_public", "minRam", "minDisk", "sort_key", "sort_dir"];

    private static string TenantActionJson(string action) => """
        {"type": "object",
         "properties": {"@ACTION@": {"type": "object", "properties": {"tenant": {"type": "string", "minLength": 1, "maxLength": 255}},
                                       "required": ["tenant"], "additionalProperties": false}},
         "required": ["@ACTION@"], "additionalProperties": false}
        """.Replace("@ACTION@", action);

    public static JsonSchema AddTenantAccess { get; } = ComputeSchemas.Parse(TenantActionJson("addTenantAccess"));
    public static JsonSchema RemoveTenantAccess { get; } = ComputeSchemas.Parse(TenantActionJson("removeTenantAccess"));

    private const string Metadata = """
        {"type": "object", "patternProperties": {"^[a-zA-Z0-9-_:. ]{1,255}$": {"type": ["string", "number"], "maxLength": 255}},
         "additionalProperties": false}
        """;

    public static JsonSchema ExtraSpecsCreate { get; } = ComputeSchemas.Parse("""
        {"type": "object", "properties": {"extra_specs": @META@}, "required": ["extra_specs"], "additionalProperties": false}
        """.Replace("@META@", Metadata));

    private static string Fill(string json) => json
        .Replace("@POSITIVE@", Positive).Replace("@NONNEG@", NonNegative).Replace("@BOOL@", Boolean).Replace("@DESC@", Description);

    public static JsonSchema ExtraSpecsUpdate { get; } = ComputeSchemas.Parse("""
        {"type": "object", "patternProperties": {"^[a-zA-Z0-9-_:. ]{1,255}$": {"type": ["string", "number"], "maxLength": 255}},
         "additionalProperties": false, "minProperties": 1, "maxProperties": 1}
        """);
}
