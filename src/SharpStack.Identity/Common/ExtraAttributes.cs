using System.Text.Json.Nodes;

namespace SharpStack.Identity.Common;

/// <summary>Keystone's "extra" column: attributes outside an entity's schema, kept as a JSON object and merged into responses.</summary>
public static class ExtraAttributes
{
    public static JsonObject Parse(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonNode.Parse(json) as JsonObject ?? [];

    public static string? Serialize(JsonObject? extra) =>
        extra is null || extra.Count == 0 ? null : extra.ToJsonString();

    /// <summary>Copies every extra attribute into <paramref name="target"/> without overwriting schema attributes.</summary>
    public static JsonObject MergeInto(JsonObject target, string? json)
    {
        foreach (var (k, v) in Parse(json))
            if (!target.ContainsKey(k)) target[k] = v?.DeepClone();
        return target;
    }
}
