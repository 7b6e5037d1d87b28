using System.Text.Json.Nodes;
using SharpStack.Core.Validation;

namespace SharpStack.Placement.Providers;

/// <summary>UUIDs as Placement stores them: lower-case with dashes, whatever form (dashless, braced, upper-case,
/// urn:uuid:) the client sent (oslo's is_uuid_like decides what is acceptable).</summary>
public static class Uuids
{
    public static bool IsUuidLike(string value) => FormatChecker.IsUuidLike(JsonValue.Create(value));

    public static string Normalize(string value)
    {
        var hex = value.ToLowerInvariant().Replace("urn:", "").Replace("uuid:", "").Trim('{', '}').Replace("-", "");
        return Guid.ParseExact(hex, "N").ToString("D");
    }

    public static string New() => Guid.NewGuid().ToString("D");
}
