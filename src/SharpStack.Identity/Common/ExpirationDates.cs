using System.Globalization;
using System.Text.RegularExpressions;
using SharpStack.Core.Errors;

namespace SharpStack.Identity.Common;

/// <summary>Keystone's expires_at handling for trusts and application credentials: parse_expiration_date
/// (ISO 8601 as the iso8601 library reads it, "Z" assumed, not in the past) and the two ways it renders them.</summary>
public static partial class ExpirationDates
{
    private const string Suffix = " The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.";

    /// <summary>Parses a requested expiry into UTC (microsecond precision); Keystone's 400s when malformed or past.</summary>
    public static DateTime Parse(string text, DateTime nowUtc)
    {
        if (!text.EndsWith('Z')) text += "Z";
        var value = TryParseIso(text) ?? throw ApiException.BadRequest("Timestamp not in expected format." + Suffix);
        if (value < nowUtc)
            throw ApiException.BadRequest("The 'expires_at' must not be before now." + Suffix);
        return value;
    }

    /// <summary>The iso8601 library's grammar (YYYY[-MM[-DD[(T| )hh[:mm[:ss[.f]]][Z|±hh[:mm]]]]]); null when it does not parse.</summary>
    public static DateTime? TryParseIso(string text)
    {
        var m = IsoPattern().Match(text);
        if (!m.Success) return null;
        int Group(string name, string alt, int fallback) =>
            m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture)
            : m.Groups[alt].Success ? int.Parse(m.Groups[alt].Value, CultureInfo.InvariantCulture) : fallback;
        try
        {
            var fraction = m.Groups["fraction"].Success ? m.Groups["fraction"].Value : "";
            var micro = fraction.Length == 0 ? 0 : int.Parse(fraction.Length > 6 ? fraction[..6] : fraction.PadRight(6, '0'), CultureInfo.InvariantCulture);
            var local = new DateTime(int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture),
                Group("month", "monthdash", 1), Group("day", "daydash", 1),
                Group("hour", "hour", 0), Group("minute", "minute", 0), Group("second", "second", 0), DateTimeKind.Unspecified)
                .AddTicks(micro * 10L);
            var offset = TimeSpan.Zero;
            if (m.Groups["sign"].Success)
            {
                offset = new TimeSpan(int.Parse(m.Groups["tzh"].Value, CultureInfo.InvariantCulture),
                    m.Groups["tzm"].Success ? int.Parse(m.Groups["tzm"].Value, CultureInfo.InvariantCulture) : 0, 0);
                if (m.Groups["sign"].Value == "-") offset = -offset;
            }
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>"2030-01-01T00:00:00.000000Z": Keystone's isotime(subsecond=True), which drops the microseconds
    /// (trusts, OAuth tokens).</summary>
    public static string SecondsWithZeroMicros(DateTime utc) =>
        Timestamps.WithMicroseconds(new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc));

    /// <summary>Truncates to microseconds, the precision every database keeps.</summary>
    public static DateTime ToMicroseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    [GeneratedRegex("""
        ^(?<year>[0-9]{4})
        (
          (
            (-(?<monthdash>[0-9]{1,2})) | (?<month>[0-9]{2})(?!$)
          )
          (
            (
              (-(?<daydash>[0-9]{1,2})) | (?<day>[0-9]{2})
            )
            (
              [ T](?<hour>[0-9]{2})
              (:?(?<minute>[0-9]{2}))?
              (:?(?<second>[0-9]{1,2})([.,](?<fraction>[0-9]+))?)?
              (Z | ((?<sign>[-+])(?<tzh>[0-9]{2}):?(?<tzm>[0-9]{2})?))?
            )?
          )?
        )?$
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();
}
