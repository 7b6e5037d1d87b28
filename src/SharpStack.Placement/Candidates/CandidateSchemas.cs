using System.Text.Json.Nodes;
using SharpStack.Core.Microversions;
using SharpStack.Core.Validation;

namespace SharpStack.Placement.Candidates;

/// <summary>The query-string schemas of GET /allocation_candidates by microversion (upstream
/// schemas/allocation_candidate.py, keys in the order its deepcopy-and-edit chain leaves them).</summary>
public static class CandidateSchemas
{
    private const string Numbered = "[1-9][0-9]*";
    private const string Named = "[a-zA-Z0-9_-]{1,64}";

    private static JsonObject Str() => new() { ["type"] = "string" };
    private static JsonObject StrList() => new() { ["type"] = new JsonArray("string") };

    private static JsonObject Limit() => new()
    {
        ["type"] = new JsonArray("integer", "string"), ["pattern"] = "^[1-9][0-9]*$", ["minimum"] = 1, ["minLength"] = 1,
    };

    /// <summary>1.10–1.24: fixed keys, resources required.</summary>
    private static JsonSchema Legacy(int minor)
    {
        var properties = new JsonObject { ["resources"] = Str() };
        if (minor >= 16) properties["limit"] = Limit();
        if (minor >= 17) properties["required"] = StrList();
        if (minor >= 21) properties["member_of"] = StrList();
        return JsonSchema.FromNode(new JsonObject
        {
            ["type"] = "object", ["properties"] = properties, ["required"] = new JsonArray("resources"), ["additionalProperties"] = false,
        }, JsonSchemaOptions.Placement);
    }

    /// <summary>1.25+: suffixed group keys as pattern properties.</summary>
    private static JsonSchema Granular(int minor)
    {
        var properties = new JsonObject { ["limit"] = Limit(), ["group_policy"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("none", "isolate") } };
        if (minor >= 35) properties["root_required"] = StrList();
        if (minor >= 36) properties["same_subtree"] = StrList();
        var suffix = minor >= 33 ? Named : Numbered;
        var patterns = new JsonObject();
        foreach (var key in minor >= 31 ? new[] { "resources", "required", "member_of", "in_tree" } : ["resources", "required", "member_of"])
            patterns[$"^{key}({suffix})?$"] = Str();
        return JsonSchema.FromNode(new JsonObject
        {
            ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false, ["patternProperties"] = patterns,
        }, JsonSchemaOptions.Placement);
    }

    private static readonly Dictionary<int, JsonSchema> ByFirstMinor = new()
    {
        [10] = Legacy(10), [16] = Legacy(16), [17] = Legacy(17), [21] = Legacy(21),
        [25] = Granular(25), [31] = Granular(31), [33] = Granular(33), [35] = Granular(35), [36] = Granular(36),
    };

    public static JsonSchema For(Microversion v) => ByFirstMinor[ByFirstMinor.Keys.Where(k => k <= v.Minor).Max()];
}
