using System.Text.Json.Nodes;
using SharpStack.Placement.Allocations;

namespace SharpStack.Placement.Reshaper;

/// <summary>One inventory record of a reshape, with upstream's defaults for the fields left out.</summary>
public sealed record InventoryRecord(string ResourceClass, int Total, int Reserved, int MinUnit, int MaxUnit, int StepSize, double AllocationRatio)
{
    public static InventoryRecord From(string resourceClass, JsonObject r) => new(
        resourceClass,
        Int(r["total"], 0),
        Int(r["reserved"], 0),
        Int(r["min_unit"], 1),
        Int(r["max_unit"], int.MaxValue),
        Int(r["step_size"], 1),
        r["allocation_ratio"] is { } ratio ? ratio.GetValue<double>() : 1.0);

    // The schema bounds these to 0..MAX_INT.
    private static int Int(JsonNode? node, int fallback) => node is null ? fallback : (int)ConsumerAllocations.Amount(node);
}

/// <summary>A provider's new inventory in a reshape, with the generation the caller saw.</summary>
public sealed record ProviderInventories(string ProviderUuid, long Generation, IReadOnlyList<InventoryRecord> Records);
