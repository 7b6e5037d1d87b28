using System.Text.Json.Nodes;
using SharpStack.Core.Errors;

namespace SharpStack.Identity.Common;

/// <summary>Reads schema-validated JSON integers into int columns: a value the column cannot hold is a 400 (Keystone's
/// database would refuse it with a 500).</summary>
public static class JsonIntegers
{
    public static int? Read(JsonObject o, string field)
    {
        if (o[field] is not JsonValue v) return null;
        if (v.TryGetValue<int>(out var i)) return i;
        var text = v.ToJsonString();
        throw ApiException.BadRequest(text.StartsWith('-')
            ? $"Invalid input for field '{field}': {text} is less than the minimum of {int.MinValue}"
            : $"Invalid input for field '{field}': {text} is greater than the maximum of {int.MaxValue}");
    }
}
