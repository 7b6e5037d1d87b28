using System.Globalization;
using System.Text.RegularExpressions;
using SharpStack.Core.Configuration;
using SharpStack.Image.Configuration;

namespace SharpStack.Image.Quotas;

/// <summary>[image] user_storage_quota as Glance parses it: digits, optionally followed by B, KB, MB, GB or TB
/// (1024-based) with no space; 0 means no quota. Parsed once at start, so a bad value stops the service there
/// (Glance fails each upload with a 500 instead).</summary>
public static partial class StorageQuota
{
    [GeneratedRegex(@"^(\d+)((K|M|G|T)?B)?$")]
    private static partial Regex Pattern();

    /// <summary>The quota in bytes, or null for none.</summary>
    public static long? Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw new ConfigException($"[image] user_storage_quota = {text}: expected a whole number of bytes, optionally followed by B, KB, MB, GB or TB without a space (e.g. 10GB); 0 means no quota");
        var factor = match.Groups[3].Value switch
        {
            "K" => 1L << 10,
            "M" => 1L << 20,
            "G" => 1L << 30,
            "T" => 1L << 40,
            _ => 1L,
        };
        if (value > long.MaxValue / factor)
            throw new ConfigException($"[image] user_storage_quota = {text}: too large");
        var bytes = value * factor;
        return bytes <= 0 ? null : bytes;
    }

    public static long? From(SharpStackConfig config) => Parse(config.Get(ImageOptions.UserStorageQuota));
}
