using System.Text.Json.Nodes;
using SharpStack.Core.Validation;

namespace SharpStack.Placement.Allocations;

/// <summary>The consumer uuid of PUT /allocations/{consumer_uuid}: any uuid-like text, stored as str(uuid.UUID(x)).</summary>
public static class ConsumerUuid
{
    /// <summary>The lower-case dashed form, or null when the text is not uuid-like.</summary>
    public static string? Normalize(string value)
    {
        if (!FormatChecker.IsUuidLike(JsonValue.Create(value))) return null;
        var hex = value.Replace("urn:", "").Replace("uuid:", "").Trim('{', '}').Replace("-", "").ToLowerInvariant();
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
