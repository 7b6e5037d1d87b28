using System.Text.Json.Nodes;
using SharpStack.Core.Validation;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Inventories;

/// <summary>An inventory record as the API shows it (allocation_ratio always with a fraction, as Python prints floats).</summary>
public static class InventoryView
{
    public static JsonObject Render(InventoryRow inventory) => new()
    {
        ["total"] = inventory.Total,
        ["reserved"] = inventory.Reserved,
        ["min_unit"] = inventory.MinUnit,
        ["max_unit"] = inventory.MaxUnit,
        ["step_size"] = inventory.StepSize,
        ["allocation_ratio"] = Float(inventory.AllocationRatio),
    };

    /// <summary>A JSON number printed as Python prints a float (1.0, 16.0, 1.5).</summary>
    public static JsonNode Float(double value) => PythonText.FloatNode(value);
}
