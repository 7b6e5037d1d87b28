using System.Text.Json;
using System.Text.Json.Nodes;
using SharpStack.Core.Errors;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Resources;

/// <summary>Keystone's resource options of projects and domains. Only "immutable" is registered: an immutable
/// project or domain can be neither changed (except to clear the option) nor deleted.</summary>
public static class ResourceOptions
{
    public const string Immutable = "immutable";

    public static bool IsImmutable(ProjectRow row) => Truthy(ExtraAttributes.Parse(row.Options)[Immutable]);

    /// <summary>Merges requested options into <paramref name="current"/>: a registered option set to null is removed,
    /// others are set after Keystone's validator; unregistered names and non-object values are ignored, as upstream.</summary>
    public static JsonObject Apply(JsonObject current, JsonNode? requested)
    {
        if (requested is not JsonObject options)
        {
            CheckNotAnObject(requested);
            return current;
        }
        if (!options.TryGetPropertyValue(Immutable, out var value)) return current;
        if (value is null)
        {
            current.Remove(Immutable);
            return current;
        }
        if (!IsBooleanLike(value))
            throw ApiException.BadRequest($"Expected boolean value, got <class '{PythonTypeName(value)}'>");
        current[Immutable] = value.DeepClone();
        return current;
    }

    /// <summary>The errors Python raises on `'immutable' in options` when the domain API (which has no schema for
    /// options) is given something else than an object; values that survive that test are ignored, as upstream.</summary>
    private static void CheckNotAnObject(JsonNode? options)
    {
        var error = options switch
        {
            null => "argument of type 'NoneType' is not iterable",
            JsonArray a when a.Any(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String && s.GetValue<string>() == Immutable) =>
                "list indices must be integers or slices, not str",
            JsonArray => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Contains(Immutable, StringComparison.Ordinal)
                ? "string indices must be integers, not 'str'"
                : null,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => "argument of type 'bool' is not iterable",
            _ => $"argument of type '{PythonTypeName(options)}' is not iterable",
        };
        if (error is not null) throw ApiException.BadRequest(error);
    }

    /// <summary>Refuses changing an immutable resource unless the change only clears the option (Keystone's
    /// check_immutable_update: the request must hold nothing but options.immutable set to false or null).</summary>
    public static void CheckUpdate(ProjectRow original, JsonObject changes, string type)
    {
        if (!IsImmutable(original)) return;
        var clearsOnly = changes.Count == 1
            && changes["options"] is JsonObject options
            && options.TryGetPropertyValue(Immutable, out var value)
            && (value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.False));
        if (!clearsOnly) throw UpdateForbidden(type, original.Id);
    }

    public static void CheckDelete(ProjectRow row, string type)
    {
        if (IsImmutable(row))
            throw ApiException.Forbidden($"Unable to delete immutable {type} resource: `{row.Id}. Set resource option \"immutable\" to false first.");
    }

    public static ApiException UpdateForbidden(string type, string id) =>
        ApiException.Forbidden($"Unable to update immutable {type} resource: `{id}. Set resource option \"immutable\" to false first.");

    /// <summary>Python truthiness of a stored option value.</summary>
    private static bool Truthy(JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>() != 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length > 0,
        JsonObject o => o.Count > 0,
        JsonArray a => a.Count > 0,
        _ => true,
    };

    // Python's `value in (True, False)` also admits 1 and 0.
    private static bool IsBooleanLike(JsonNode value) => value is JsonValue v && v.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => true,
        JsonValueKind.Number => v.GetValue<double>() is 0 or 1,
        _ => false,
    };

    /// <summary>Whether a JSON number is written as an integer (Python's json makes it an int, else a float).</summary>
    internal static bool IsInteger(JsonValue value)
    {
        var text = value.ToJsonString();
        return value.GetValueKind() == JsonValueKind.Number && !text.Contains('.') && !text.Contains('e') && !text.Contains('E');
    }

    private static string PythonTypeName(JsonNode value) => value switch
    {
        JsonObject => "dict",
        JsonArray => "list",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "str",
        JsonValue v when IsInteger(v) => "int",
        _ => "float",
    };
}
