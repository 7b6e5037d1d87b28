using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;

namespace SharpStack.Image.Api.Http;

/// <summary>What Glance's router answers under /v2 when no route takes the request, for every route at once:
/// after authentication (Glance routes behind the token check), an unknown path is 404, a known path with another
/// method 405 with an Allow header listing the path's methods, an unknown method 501.</summary>
public sealed class GlanceRouteFallback(RequestDelegate next, EndpointDataSource endpoints)
{
    // The order Glance's routes list methods in Allow ("GET, POST", "GET, PATCH, DELETE", "PUT, DELETE").
    private static readonly string[] MethodOrder = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    private static readonly string[] Implemented = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"];

    private List<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>? _routes;

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var endpoint = context.GetEndpoint();
        if (!path.StartsWithSegments("/v2") || (endpoint is not null && !IsMethodRejection(endpoint)))
            return next(context);
        context.RequireAuth();
        var method = context.Request.Method;
        var allowed = Allowed(path.Value!);
        if (allowed.Count == 0)
        {
            if (!Implemented.Contains(method)) throw new ApiException(501, $"The request method {method} is not implemented for this server.");
            throw ApiException.NotFound("The resource could not be found.");
        }
        throw new ApiException(405, $"The method {method} is not allowed for this resource.")
        {
            Headers = new Dictionary<string, string> { ["Allow"] = string.Join(", ", allowed) },
        };
    }

    // ASP.NET routing selects a placeholder endpoint when the path matched but the method did not.
    private static bool IsMethodRejection(Endpoint endpoint) =>
        endpoint.DisplayName?.StartsWith("405 ", StringComparison.Ordinal) == true;

    /// <summary>The methods of the routes whose pattern matches the path, in Glance's order (HEAD is not listed).</summary>
    private List<string> Allowed(string path)
    {
        _routes ??= endpoints.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()),
                (IReadOnlyList<string>)(e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])))
            .ToList();
        var methods = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (matcher, routeMethods) in _routes)
            if (matcher.TryMatch(path, new RouteValueDictionary())) methods.UnionWith(routeMethods);
        return MethodOrder.Where(methods.Contains).ToList();
    }
}
