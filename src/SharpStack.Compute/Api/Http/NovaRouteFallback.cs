using Microsoft.AspNetCore.Http;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;

namespace SharpStack.Compute.Api.Http;

/// <summary>What Nova's router answers under /v2.1 when no route takes the request (an unknown path, or a known path
/// with another method): after authentication, webob's plain 404 — its JSON form, not a Nova fault body.</summary>
public sealed class NovaRouteFallback(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (!context.Request.Path.StartsWithSegments("/v2.1") || (endpoint is not null && !IsMethodRejection(endpoint)))
        {
            await next(context);
            return;
        }
        context.RequireAuth();
        await JsonErrorBody.WriteAsync(context, 404, w =>
        {
            w.WriteStartObject();
            w.WriteString("message", "The resource could not be found.<br /><br />\n\n\n");
            w.WriteString("code", "404 Not Found");
            w.WriteString("title", "Not Found");
            w.WriteEndObject();
        });
    }

    // ASP.NET routing selects a placeholder endpoint when the path matched but the method did not.
    private static bool IsMethodRejection(Endpoint endpoint) =>
        endpoint.DisplayName?.StartsWith("405 ", StringComparison.Ordinal) == true;
}
