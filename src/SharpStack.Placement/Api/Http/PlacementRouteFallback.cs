using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;

namespace SharpStack.Placement.Api.Http;

/// <summary>Placement's route table as its router has it (exact paths, no trailing slashes, methods in this order):
/// a request no handler took is 404 for an unknown path and 405 with Allow for a known one.</summary>
public sealed class PlacementRouteFallback(RequestDelegate next)
{
    internal static readonly (string[] Segments, string Allow)[] Routes =
    [
        ([], "GET"),
        (["resource_classes"], "GET, POST"),
        (["resource_classes", "*"], "GET, PUT, DELETE"),
        (["resource_providers"], "GET, POST"),
        (["resource_providers", "*"], "GET, DELETE, PUT"),
        (["resource_providers", "*", "inventories"], "GET, POST, PUT, DELETE"),
        (["resource_providers", "*", "inventories", "*"], "GET, PUT, DELETE"),
        (["resource_providers", "*", "usages"], "GET"),
        (["resource_providers", "*", "aggregates"], "GET, PUT"),
        (["resource_providers", "*", "allocations"], "GET"),
        (["resource_providers", "*", "traits"], "GET, PUT, DELETE"),
        (["allocations"], "POST"),
        (["allocations", "*"], "GET, PUT, DELETE"),
        (["allocation_candidates"], "GET"),
        (["traits"], "GET"),
        (["traits", "*"], "GET, PUT, DELETE"),
        (["usages"], "GET"),
        (["reshaper"], "POST"),
    ];

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var endpoint = context.GetEndpoint();
        var allow = Allow(path);
        // ASP.NET routing forgives a trailing slash and selects a placeholder when only the method is wrong.
        if (endpoint is not null && allow is not null && !IsMethodRejection(endpoint)) return next(context);
        if (allow is null) throw ApiException.NotFound("");
        throw new ApiException(405, "The method specified is not allowed for this resource.")
        {
            Headers = new Dictionary<string, string> { ["Allow"] = allow },
        };
    }

    private static bool IsMethodRejection(Endpoint endpoint) =>
        endpoint.DisplayName?.StartsWith("405 ", StringComparison.Ordinal) == true;

    /// <summary>The methods of the route matching the path exactly, or null when none does.</summary>
    internal static string? Allow(string path)
    {
        var segments = path.Length <= 1 ? [] : path[1..].Split('/');
        foreach (var (pattern, allow) in Routes)
        {
            if (pattern.Length != segments.Length) continue;
            var match = true;
            for (var i = 0; i < pattern.Length && match; i++)
                match = segments[i].Length > 0 && (pattern[i] == "*" || pattern[i] == segments[i]);
            if (match) return allow;
        }
        return null;
    }
}
