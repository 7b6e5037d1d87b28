using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Core.Microversions;

namespace SharpStack.Placement.Api.Http;

/// <summary>Placement's microversions (1.0–1.39) and their negotiation as microversion-parse does it: the last
/// "placement X.Y" entry of OpenStack-API-Version, absent = 1.0, "latest" = 1.39, malformed 400, unsupported 406.</summary>
public static class PlacementVersion
{
    public static readonly Microversion Minimum = new(1, 0);
    public static readonly Microversion Maximum = new(1, 39);
    public const string Header = "OpenStack-API-Version";

    public static Microversion Negotiate(IHeaderDictionary headers)
    {
        var requested = Requested(headers);
        if (requested is null) return Minimum;
        if (requested == "latest") return Maximum;
        var dot = requested.IndexOf('.');
        if (dot < 0)
            throw ApiException.BadRequest($"Invalid microversion: invalid version string: {requested}; Version.__new__() missing 1 required positional argument: 'minor'");
        var major = requested[..dot].Trim();
        var minor = requested[(dot + 1)..].Trim();
        if (!IsInt(major, out var ma))
            throw ApiException.BadRequest($"Invalid microversion: invalid version string: {requested}; invalid literal for int() with base 10: '{requested[..dot]}'");
        if (!IsInt(minor, out var mi))
            throw ApiException.BadRequest($"Invalid microversion: invalid version string: {requested}; invalid literal for int() with base 10: '{requested[(dot + 1)..]}'");
        var version = new Microversion(ma, mi);
        if (version < Minimum || version > Maximum)
            throw new UnacceptableVersionException($"Invalid microversion: Unacceptable version header: {ma}.{mi}");
        return version;
    }

    /// <summary>Every answer names the version it was made for, and caches must key on the request header.</summary>
    public static void Stamp(HttpResponse response, Microversion version)
    {
        response.Headers[Header] = $"placement {version}";
        response.Headers.Vary = "openstack-api-version";
    }

    public static Microversion Of(HttpContext context) => context.Microversion();

    /// <summary>True when the request's microversion is at least 1.<paramref name="minor"/>.</summary>
    public static bool AtLeast(HttpContext context, int minor) => context.Microversion() >= new Microversion(1, minor);

    /// <summary>A route not yet offered at the request's microversion does not exist (404).</summary>
    public static void Require(HttpContext context, int minor)
    {
        if (!AtLeast(context, minor)) throw ApiException.NotFound("");
    }

    private static bool IsInt(string s, out int value)
    {
        value = 0;
        if (s.Length == 0) return false;
        var t = s.StartsWith('+') || s.StartsWith('-') ? s[1..] : s;
        if (t.Length == 0 || !t.All(char.IsAsciiDigit)) return false;
        if (!int.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out value)) return false;
        return true;
    }

    private static string? Requested(IHeaderDictionary headers)
    {
        if (!headers.TryGetValue(Header, out var values)) return null;
        var entries = string.Join(",", values.Where(v => v is not null)).Split(',');
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            var parts = entries[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0].Equals("placement", StringComparison.OrdinalIgnoreCase)) return parts[1];
        }
        return null;
    }
}
