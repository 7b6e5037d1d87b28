using System.Globalization;
using System.Text.RegularExpressions;
using SharpStack.Core.Errors;

namespace SharpStack.Identity.Users;

/// <summary>The password_expires_at list filter: "[op:]timestamp" with op one of lt, lte, gt, gte, eq, neq
/// (eq when absent), as Keystone parses it. A user matches when one of its passwords (the history counts, as in
/// Keystone's join) has an expiry that compares true; a password that never expires compares false.</summary>
public sealed partial record PasswordExpiryFilter(string Operator, DateTime Value)
{
    private static readonly string[] Operators = ["lt", "lte", "gt", "gte", "eq", "neq"];

    public static PasswordExpiryFilter Parse(string text)
    {
        string op, timestamp;
        // Keystone looks for the ':' at the 3rd or 4th character only ("lt:…", "lte:…").
        if (text.Length > 2 && text.AsSpan(2, Math.Min(2, text.Length - 2)).Contains(':'))
        {
            var colon = text.IndexOf(':');
            op = text[..colon];
            timestamp = text[(colon + 1)..];
        }
        else
        {
            op = "eq";
            timestamp = text;
        }
        if (!IsoTimestamp().IsMatch(timestamp)
            || !DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            throw ApiException.BadRequest("Timestamp not in expected format. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.");
        if (!Operators.Contains(op))
            throw ApiException.BadRequest($"The given operator {op} is not valid. It must be one of the following: 'eq', 'neq', 'lt', 'lte', 'gt', or 'gte'.");
        var utc = parsed.UtcDateTime;
        return new PasswordExpiryFilter(op, new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc));
    }

    public bool Matches(DateTime? expiresAt)
    {
        if (expiresAt is not { } e) return false;
        var c = e.CompareTo(Value);
        return Operator switch
        {
            "lt" => c < 0,
            "lte" => c <= 0,
            "gt" => c > 0,
            "gte" => c >= 0,
            "eq" => c == 0,
            _ => c != 0,
        };
    }

    // The ISO 8601 forms python's iso8601 parser accepts (date, optional time, fraction and zone).
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTimestamp();
}
