using SharpStack.Core.Validation;
using SharpStack.Placement.Allocations;

namespace SharpStack.Placement.Reshaper;

/// <summary>POST /reshaper's body schemas (placement/schemas/reshaper.py): PUT-inventories bodies by provider uuid,
/// and POST-allocations consumers (which may be empty).</summary>
public static class ReshaperSchemas
{
    private const string InventoryRecord = """
        {"type": "object", "properties": {
            "resource_provider_generation": {"type": "integer"},
            "total": {"type": "integer", "maximum": 2147483647, "minimum": 1},
            "reserved": {"type": "integer", "maximum": 2147483647, "minimum": 0},
            "min_unit": {"type": "integer", "maximum": 2147483647, "minimum": 1},
            "max_unit": {"type": "integer", "maximum": 2147483647, "minimum": 1},
            "step_size": {"type": "integer", "maximum": 2147483647, "minimum": 1},
            "allocation_ratio": {"type": "number", "maximum": 3.40282e+38}},
         "required": ["total"], "additionalProperties": false}
        """;

    private static readonly string Inventories = $$$"""
        {"type": "object", "properties": {
            "resource_provider_generation": {"type": "integer"},
            "inventories": {"type": "object", "patternProperties": {"^[A-Z0-9_]+$": {{{InventoryRecord}}} } } },
         "required": ["resource_provider_generation", "inventories"], "additionalProperties": false}
        """;

    private static JsonSchema Body(int minor) => JsonSchema.Parse($$$"""
        {"type": "object", "properties": {
            "inventories": {"type": "object", "patternProperties": {"^[0-9a-fA-F-]{36}$": {{{Inventories}}} },
                            "minProperties": 1, "additionalProperties": false},
            "allocations": {{{AllocationSchemas.ConsumersBody(minor, 0)}}} },
         "required": ["inventories", "allocations"], "additionalProperties": false}
        """, JsonSchemaOptions.Placement);

    private static readonly JsonSchema Body130 = Body(30);
    private static readonly JsonSchema Body134 = Body(34);
    private static readonly JsonSchema Body138 = Body(38);

    public static JsonSchema For(int minor) => minor >= 38 ? Body138 : minor >= 34 ? Body134 : Body130;
}
