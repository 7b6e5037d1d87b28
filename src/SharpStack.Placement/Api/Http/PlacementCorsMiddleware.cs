using Microsoft.AspNetCore.Http;
using SharpStack.Core.Configuration;
using SharpStack.Placement.Configuration;

namespace SharpStack.Placement.Api.Http;

/// <summary>oslo.middleware's CORS for Placement, on only when [placement_cors] allowed_origin is set: answers
/// preflight OPTIONS requests from allowed origins and adds Access-Control-* headers to their actual requests.</summary>
public sealed class PlacementCorsMiddleware(RequestDelegate next, SharpStackConfig config)
{
    // Headers a browser may always send (oslo's simple headers).
    private static readonly string[] SimpleHeaders = ["cache-control", "content-language", "content-type", "expires", "last-modified", "pragma"];

    private readonly IReadOnlyList<string> _origins = config.Get(PlacementOptions.CorsAllowedOrigin);
    private readonly IReadOnlyList<string> _allowHeaders = config.Get(PlacementOptions.CorsAllowHeaders);
    private readonly IReadOnlyList<string> _exposeHeaders = config.Get(PlacementOptions.CorsExposeHeaders);
    private readonly IReadOnlyList<string> _methods = config.Get(PlacementOptions.CorsAllowMethods);
    private readonly bool _credentials = config.Get(PlacementOptions.CorsAllowCredentials);
    private readonly int? _maxAge = config.Get(PlacementOptions.CorsMaxAge);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (_origins.Count == 0 || origin.Length == 0) { await next(context); return; }
        var allowed = _origins.Contains(origin) || _origins.Contains("*");
        if (HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            // A preflight is answered here whatever the route (200, headers only when everything asked is allowed).
            context.Response.StatusCode = 200;
            var method = request.Headers["Access-Control-Request-Method"].ToString();
            var asked = request.Headers["Access-Control-Request-Headers"].ToString()
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(h => h.ToLowerInvariant()).ToList();
            var permitted = SimpleHeaders.Concat(_allowHeaders.Select(h => h.ToLowerInvariant())).ToHashSet();
            if (allowed && _methods.Contains(method) && asked.All(permitted.Contains))
            {
                var h = context.Response.Headers;
                h.AccessControlAllowOrigin = origin;
                h.Vary = "Origin";
                if (_credentials) h.AccessControlAllowCredentials = "true";
                if (_maxAge is { } age) h.AccessControlMaxAge = age.ToString();
                h.AccessControlAllowMethods = method;
                if (asked.Count > 0) h.AccessControlAllowHeaders = string.Join(",", asked);
            }
            return;
        }
        if (allowed)
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                h.AccessControlAllowOrigin = origin;
                h.Append("Vary", "Origin");
                if (_credentials) h.AccessControlAllowCredentials = "true";
                if (_exposeHeaders.Count > 0) h.AccessControlExposeHeaders = string.Join(",", _exposeHeaders);
                return Task.CompletedTask;
            });
        }
        await next(context);
    }
}
