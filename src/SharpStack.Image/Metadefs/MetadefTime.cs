using System.Globalization;

namespace SharpStack.Image.Metadefs;

/// <summary>Timestamps as Glance's timeutils.isotime writes them ("2026-11-22T10:00:00Z").</summary>
public static class MetadefTime
{
    public static string Format(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Now, truncated to whole seconds as Glance's DateTime columns keep it on MySQL.</summary>
    public static DateTime Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}
