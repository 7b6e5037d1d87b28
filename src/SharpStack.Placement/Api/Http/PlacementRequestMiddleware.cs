using Microsoft.AspNetCore.Http;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;
using SharpStack.Core.Microversions;

namespace SharpStack.Placement.Api.Http;

/// <summary>What Placement checks before routing, in upstream's order: a token everywhere but the version document
/// (401), the microversion (400/406), then Content-Length/Content-Type coherence (400).</summary>
public sealed class PlacementRequestMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsRoot(request.Path)) context.RequireAuth();
        var version = PlacementVersion.Negotiate(request.Headers);
        context.Features.Set(new RequestMicroversion(version));
        PlacementVersion.Stamp(context.Response, version);
        if (request.Headers.TryGetValue("Content-Length", out var length) && !long.TryParse(length.ToString(), out _))
            throw ApiException.BadRequest("content-length header must be an integer");
        if (request.ContentLength > 0 && string.IsNullOrEmpty(request.ContentType))
            throw ApiException.BadRequest("content-type header required when content-length > 0");
        return next(context);
    }

    public static bool IsRoot(PathString path) => !path.HasValue || path.Value == "/";
}
