using System.Globalization;

namespace SharpStack.Identity.Common;

/// <summary>Keystone's time formats: tokens use microseconds ("2026-01-01T00:00:00.000000Z"), most resources seconds.</summary>
public static class Timestamps
{
    public static string WithMicroseconds(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static string WithMicroseconds(DateTime t) =>
        DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>"2026-01-01T00:00:00.000000" without zone, as Keystone writes expires_at of users' passwords and app credentials.</summary>
    public static string Iso(DateTime t) =>
        DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>Parses the ISO 8601 forms clients send (with or without zone, fraction); assumes UTC without a zone.</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var dto))
            return false;
        utc = dto.UtcDateTime;
        return true;
    }
}
