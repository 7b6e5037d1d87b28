using System.Text.Json.Nodes;
using SharpStack.Core.Errors;
using SharpStack.Core.Validation;

namespace SharpStack.Image.Images;

/// <summary>Rules shared by create and update: reserved names, integer ranges, quotas, with Glance's texts.</summary>
public static class ImageRules
{
    /// <summary>The prefix of properties only the service sets (os_glance_import_task, …).</summary>
    public const string ReservedNamespace = "os_glance";

    private static readonly string[] Reserved = ["location", "deleted", "deleted_at"];

    /// <summary>Names a client may not set (Glance's _reserved_properties and the os_glance namespace).</summary>
    public static bool IsReservedName(string key) =>
        Reserved.Contains(key) || key.StartsWith(ReservedNamespace, StringComparison.Ordinal);

    /// <summary>Glance's Image.min_disk/min_ram setters: a negative value is refused.</summary>
    public static void CheckNotNegative(string param, JsonNode? value)
    {
        if (value is JsonValue v && v.TryGetValue<double>(out var d) && d < 0)
            throw ApiException.BadRequest($"Invalid value '{PythonText.Repr(value)}' for parameter '{param}': Cannot be a negative value");
    }

    /// <summary>The database layer's 4-byte integer check (_validate_db_int), then the value as stored.</summary>
    public static int DbInt(string param, JsonNode? value)
    {
        if (value is not JsonValue v || !v.TryGetValue<double>(out var d)) return 0;
        if (d > int.MaxValue) throw ApiException.BadRequest($"'{param}' value out of range, must not exceed {int.MaxValue}.");
        return (int)d;
    }

    /// <summary>How many custom properties count against image_property_quota (the os_glance ones do not).</summary>
    public static int CountedProperties(IEnumerable<string> names) =>
        names.Count(n => !n.StartsWith(ReservedNamespace, StringComparison.Ordinal));

    public static void CheckPropertyQuota(int attempted, int quota)
    {
        if (quota >= 0 && attempted > quota)
            throw new ApiException(413, $"The limit has been exceeded on the number of allowed image properties. Attempted: {attempted}, Maximum: {quota}");
    }

    public static void CheckTagQuota(int attempted, int quota)
    {
        if (quota >= 0 && attempted > quota)
            throw new ApiException(413, $"The limit has been exceeded on the number of allowed image tags. Attempted: {attempted}, Maximum: {quota}");
    }

    /// <summary>python's str() of a JSON value: a string as is, anything else as its repr.</summary>
    public static string PyStr(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s : PythonText.Repr(value);
}
