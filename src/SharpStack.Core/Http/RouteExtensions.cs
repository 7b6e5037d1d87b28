using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace SharpStack.Core.Http;

/// <summary>Route helpers: OpenStack services answer HEAD wherever they answer GET.</summary>
public static class RouteExtensions
{
    private static readonly string[] GetHead = ["GET", "HEAD"];

    public static RouteHandlerBuilder MapGetHead(this IEndpointRouteBuilder routes, string pattern, Delegate handler) =>
        routes.MapMethods(pattern, GetHead, handler);
}
