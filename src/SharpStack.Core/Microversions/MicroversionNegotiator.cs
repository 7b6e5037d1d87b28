using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;

namespace SharpStack.Core.Microversions;

/// <summary>Chooses the microversion of a request from `OpenStack-API-Version: &lt;service&gt; X.Y` (or a legacy
/// header such as X-OpenStack-Nova-API-Version): absent means the minimum, "latest" the maximum, out of range 406,
/// malformed 400; answers carry the chosen version and `Vary`.</summary>
public sealed class MicroversionNegotiator(string serviceType, Microversion minimum, Microversion maximum, string? legacyHeader = null)
{
    public const string Header = "OpenStack-API-Version";

    public string ServiceType { get; } = serviceType;
    public Microversion Minimum { get; } = minimum;
    public Microversion Maximum { get; } = maximum;

    /// <summary>The requested version, validated against the supported range.</summary>
    public Microversion Negotiate(IHeaderDictionary headers)
    {
        var requested = Requested(headers);
        if (requested is null) return Minimum;
        if (requested.Equals("latest", StringComparison.OrdinalIgnoreCase)) return Maximum;
        if (!Microversion.TryParse(requested, out var version))
            throw ApiException.BadRequest($"invalid version string: {requested}");
        if (version < Minimum || version > Maximum)
            throw new ApiException(406, $"Unacceptable version header: {version}. Minimum is {Minimum} and maximum is {Maximum}.");
        return version;
    }

    /// <summary>Adds `OpenStack-API-Version: &lt;service&gt; X.Y` and `Vary` to the response.</summary>
    public void Stamp(HttpResponse response, Microversion version)
    {
        response.Headers[Header] = $"{ServiceType} {version}";
        var vary = legacyHeader is null ? Header : $"{Header}, {legacyHeader}";
        response.Headers.Append("Vary", vary);
        if (legacyHeader is not null) response.Headers[legacyHeader] = version.ToString();
    }

    private string? Requested(IHeaderDictionary headers)
    {
        // The header may repeat or hold several "service version" pairs separated by commas; take ours.
        foreach (var value in headers[Header])
        {
            if (value is null) continue;
            foreach (var part in value.Split(','))
            {
                var pieces = part.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (pieces.Length == 2 && pieces[0].Equals(ServiceType, StringComparison.OrdinalIgnoreCase))
                    return pieces[1];
            }
        }
        if (legacyHeader is not null && headers.TryGetValue(legacyHeader, out var legacy) && legacy.Count > 0)
            return legacy[0]?.Trim();
        return null;
    }
}
