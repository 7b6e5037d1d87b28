using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

/// <summary>Checks the "format" keyword like python-jsonschema's FormatChecker(): formats it does not know always pass.</summary>
public sealed class FormatChecker
{
    // A null check marks a format python checks but this port does not: schemas using it are rejected at parse.
    private readonly ImmutableDictionary<string, Func<JsonNode?, bool>?> _checks;

    private FormatChecker(ImmutableDictionary<string, Func<JsonNode?, bool>?> checks) => _checks = checks;

    /// <summary>
    /// python3-jsonschema 4.10.3's FormatChecker() on Debian 12: date, email, idn-email, ipv4, ipv6, json-pointer,
    /// regex, relative-json-pointer, time, uuid. date-time, uri and hostname are absent there (their libraries are
    /// not installed), so they pass. idn-hostname is not ported: a schema using it fails to parse.
    /// </summary>
    public static FormatChecker Default { get; } = new(new Dictionary<string, Func<JsonNode?, bool>?>
    {
        ["date"] = PyFormats.Date,
        ["email"] = PyFormats.Email,
        ["idn-email"] = PyFormats.Email,
        ["idn-hostname"] = null,
        ["ipv4"] = PyFormats.Ipv4,
        ["ipv6"] = PyFormats.Ipv6,
        ["json-pointer"] = PyFormats.JsonPointer,
        ["regex"] = PyFormats.Regex,
        ["relative-json-pointer"] = PyFormats.RelativeJsonPointer,
        ["time"] = PyFormats.Time,
        ["uuid"] = PyFormats.Uuid,
    }.ToImmutableDictionary(StringComparer.Ordinal));

    /// <summary>No formats: every "format" passes.</summary>
    public static FormatChecker Empty { get; } = new(ImmutableDictionary.Create<string, Func<JsonNode?, bool>?>(StringComparer.Ordinal));

    /// <summary>
    /// A copy that checks <paramref name="format"/> with <paramref name="check"/> (like FormatChecker.checks).
    /// The check sees any instance type; an exception it throws fails the check and becomes <see cref="ValidationError.Cause"/>.
    /// </summary>
    public FormatChecker With(string format, Func<JsonNode?, bool> check) => new(_checks.SetItem(format, check));

    public FormatChecker Without(string format) => new(_checks.Remove(format));

    public IEnumerable<string> Formats => _checks.Keys;

    /// <summary>FormatChecker.conforms(instance, format).</summary>
    public bool Conforms(JsonNode? instance, string format) => Check(instance, format, out _);

    /// <summary>oslo_utils.uuidutils.is_uuid_like, the uuid check placement and nova register (non-strings fail).</summary>
    public static bool IsUuidLike(JsonNode? instance) => PyFormats.UuidLike(instance);

    internal bool Check(JsonNode? instance, string format, out Exception? cause)
    {
        cause = null;
        if (!_checks.TryGetValue(format, out var check) || check is null) return true;
        try
        {
            return check(instance);
        }
        catch (Exception e)
        {
            cause = e;
            return false;
        }
    }

    internal bool IsUnsupported(string format) => _checks.TryGetValue(format, out var check) && check is null;
}
