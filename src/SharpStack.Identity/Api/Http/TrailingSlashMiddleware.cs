using Microsoft.AspNetCore.Http;

namespace SharpStack.Identity.Api.Http;

/// <summary>Keystone answers /v3/users/ as /v3/users: routes here are matched without the trailing slash.</summary>
public sealed class TrailingSlashMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is { Length: > 1 } && path[^1] == '/')
            context.Request.Path = new PathString(path.TrimEnd('/') is { Length: > 0 } p ? p : "/");
        context.Response.Headers.Vary = "X-Auth-Token";
        return next(context);
    }
}
