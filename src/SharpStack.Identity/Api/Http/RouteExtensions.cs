using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SharpStack.Identity.Api.Http;

/// <summary>Route helpers: Keystone answers HEAD wherever it answers GET.</summary>
public static class RouteExtensions
{
    private static readonly string[] GetHead = ["GET", "HEAD"];

    public static RouteHandlerBuilder MapGetHead(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, GetHead, handler);
}
