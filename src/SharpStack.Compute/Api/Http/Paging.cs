using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;

namespace SharpStack.Compute.Api.Http;

/// <summary>Nova's limit/marker paging (common.get_limit_and_marker) and the "next" link it adds when a page is full.</summary>
public sealed record Paging(int Limit, string? Marker)
{
    /// <summary>limit (≥ 0, capped at max_limit; absent = max_limit) and marker from the query.</summary>
    public static Paging From(HttpContext context, int maxLimit)
    {
        var query = context.Request.Query;
        var limit = maxLimit;
        if (query.TryGetValue("limit", out var l))
            limit = Math.Min(limit, NonNegative(l[^1] ?? "", "limit"));
        string? marker = query.TryGetValue("marker", out var m) ? m[^1] : null;
        return new Paging(limit, marker);
    }

    /// <summary>oslo strutils.validate_integer(value, name, min_value=0) with Nova's wording.</summary>
    public static int NonNegative(string text, string name)
    {
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw ApiException.BadRequest($"Invalid input received: {name} must be an integer");
        if (value < 0) throw ApiException.BadRequest($"Invalid input received: {name} must be >= 0");
        return value;
    }

    /// <summary>The flavors_links/servers_links array when the page is full (limit items), else null. The link keeps
    /// the query's parameters (sorted, only <paramref name="kept"/> when given) with the marker replaced.</summary>
    public static JsonArray? NextLinks(HttpContext context, int maxLimit, int count, string? lastId, string collection, IReadOnlyCollection<string>? kept = null)
    {
        var query = context.Request.Query;
        var max = maxLimit;
        if (query.TryGetValue("limit", out var l) && int.TryParse(l[^1], out var given)) max = Math.Min(given, maxLimit);
        if (max == 0 || max != count || lastId is null) return null;
        var pairs = query
            .Where(kv => kept is null || kept.Contains(kv.Key))
            .Where(kv => kv.Key != "marker")
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (kv.Key, Value: kv.Value[^1] ?? ""))
            .Append(("marker", lastId));
        var qs = string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(p.Item2)));
        return new JsonArray(new JsonObject { ["rel"] = "next", ["href"] = $"{Links.VersionBase(context)}/{collection}?{qs}" });
    }
}

/// <summary>Nova's self/bookmark links: http://host/v2.1/{collection}/{id} and http://host/{collection}/{id}.</summary>
public static class Links
{
    public static string Root(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    public static string VersionBase(HttpContext context) => Root(context) + "/v2.1";

    public static JsonArray For(HttpContext context, string collection, string id) => new(
        new JsonObject { ["rel"] = "self", ["href"] = $"{VersionBase(context)}/{collection}/{id}" },
        new JsonObject { ["rel"] = "bookmark", ["href"] = $"{Root(context)}/{collection}/{id}" });
}
