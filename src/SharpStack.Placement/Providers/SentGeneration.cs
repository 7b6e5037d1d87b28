using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpStack.Placement.Providers;

/// <summary>A resource_provider_generation as sent in a body. The schema says "integer", which (JSON Schema 2020-12, as
/// upstream validates) also admits 1.0 and numbers beyond 32 bits; upstream then compares with Python's ==, so 1.0
/// matches generation 1 and a huge number simply never matches (409), never a server error.</summary>
public static class SentGeneration
{
    /// <summary>The generation to compare with, or -1 (no provider has it) when it cannot be one.</summary>
    public static int Read(JsonNode? node)
    {
        if (node is not JsonValue value) return -1;
        if (value.TryGetValue<int>(out var i)) return i;
        if (value.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number)
        {
            if (e.TryGetInt32(out i)) return i;
            if (e.TryGetDouble(out var d) && d == Math.Floor(d) && d >= 0 && d <= int.MaxValue) return (int)d;
        }
        return -1;
    }
}
