using System.Text.Json.Nodes;
using SharpStack.Core.Errors;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Inventories;

/// <summary>The fields of one inventory from a request body, with upstream's defaults, and the capacity rule every
/// create and update applies: (total - reserved) × allocation_ratio must be above 0 (from 1.26: at least 0).</summary>
public sealed record InventoryRecord(int Total, int Reserved, int MinUnit, int MaxUnit, int StepSize, double AllocationRatio)
{
    public static InventoryRecord From(JsonNode body) => new(
        Int(body, "total", 0),
        Int(body, "reserved", 0),
        Int(body, "min_unit", 1),
        Int(body, "max_unit", int.MaxValue),
        Int(body, "step_size", 1),
        body["allocation_ratio"] is { } r ? r.GetValue<double>() : 1.0);

    // The schema (2020-12) admits 1.0 for an integer and bounds it to 32 bits; read it as the number it is.
    private static int Int(JsonNode body, string name, int fallback) => body[name] is { } v ? (int)v.GetValue<double>() : fallback;

    /// <summary>Null when the record is acceptable, else upstream's reason.</summary>
    public string? CapacityProblem(string className, string providerUuid, bool zeroAllowed)
    {
        var capacity = Math.Truncate((Total - (double)Reserved) * AllocationRatio);
        if (zeroAllowed ? capacity >= 0 : capacity > 0) return null;
        return $"Invalid inventory for '{className}' on resource provider '{providerUuid}'. The reserved value is greater than {(zeroAllowed ? "" : "or equal to ")}total.";
    }

    public void ApplyTo(InventoryRow row)
    {
        row.Total = Total;
        row.Reserved = Reserved;
        row.MinUnit = MinUnit;
        row.MaxUnit = MaxUnit;
        row.StepSize = StepSize;
        row.AllocationRatio = AllocationRatio;
    }

    public static ApiException Invalid(string prefix, string reason) => ApiException.BadRequest($"{prefix}: {reason}");
}
