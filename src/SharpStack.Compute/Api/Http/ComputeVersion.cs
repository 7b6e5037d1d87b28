using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Core.Microversions;

namespace SharpStack.Compute.Api.Http;

/// <summary>Nova's microversions (2.1–2.93, Zed) and their negotiation as nova.api.openstack.wsgi does it:
/// `OpenStack-API-Version: compute X.Y` wins over the legacy `X-OpenStack-Nova-API-Version`; absent = 2.1,
/// "latest" = 2.93, malformed 400, out of range 406; answers carry both headers and Vary on both.</summary>
public static partial class ComputeVersion
{
    public static readonly Microversion Minimum = new(2, 1);
    public static readonly Microversion Maximum = new(2, 93);
    public const string Header = "OpenStack-API-Version";
    public const string LegacyHeader = "X-OpenStack-Nova-API-Version";

    public static Microversion Negotiate(HttpRequest request, HttpResponse response)
    {
        var requested = Requested(request.Headers);
        if (requested is null) return Stamped(response, Minimum);
        if (requested.Equals("latest", StringComparison.OrdinalIgnoreCase)) return Stamped(response, Maximum);
        var match = Format().Match(requested);
        if (!match.Success)
            throw ApiException.BadRequest($"API Version String {requested} is of invalid format. Must be of format MajorNum.MinorNum.");
        var version = Microversion.Parse(requested);
        Stamped(response, version);
        if (version < Minimum || version > Maximum)
            throw new ApiException(406, $"Version {version} is not supported by the API. Minimum is {Minimum} and maximum is {Maximum}.");
        return version;
    }

    private static Microversion Stamped(HttpResponse response, Microversion version)
    {
        response.Headers[Header] = $"compute {version}";
        response.Headers[LegacyHeader] = version.ToString();
        response.Headers.Append("Vary", Header);
        response.Headers.Append("Vary", LegacyHeader);
        return version;
    }

    private static string? Requested(IHeaderDictionary headers)
    {
        foreach (var value in headers[Header])
        {
            if (value is null) continue;
            foreach (var part in value.Split(','))
            {
                var pieces = part.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (pieces.Length == 2 && pieces[0].Equals("compute", StringComparison.OrdinalIgnoreCase)) return pieces[1];
            }
        }
        return headers.TryGetValue(LegacyHeader, out var legacy) && legacy.Count > 0 ? legacy[0]?.Trim() : null;
    }

    [GeneratedRegex(@"^([1-9]\d*)\.([1-9]\d*|0)$")]
    private static partial Regex Format();
}

/// <summary>Negotiates the microversion of every /v2.1 request and exposes it to handlers (context.Microversion()).</summary>
public sealed class ComputeRequestMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/v2.1"))
            context.Features.Set(new RequestMicroversion(ComputeVersion.Negotiate(context.Request, context.Response)));
        return next(context);
    }
}
