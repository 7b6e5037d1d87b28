using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SharpStack.Identity.Api.Http;

/// <summary>Keystone's list filters from the query string: exact matches on supported attributes, and
/// inexact ones (name__contains, name__icontains, __startswith, __endswith and their i-forms).</summary>
public sealed class ListFilter
{
    private readonly List<(string Name, string Value, string Comparator, bool CaseSensitive)> _filters = [];

    private ListFilter()
    {
    }

    public static ListFilter FromQuery(HttpContext context, params string[] supported)
    {
        var filter = new ListFilter();
        foreach (var (key, values) in context.Request.Query)
        {
            foreach (var value in values)
            {
                if (value is null) continue;
                if (supported.Contains(key))
                {
                    filter._filters.Add((key, value, "equals", true));
                    continue;
                }
                var sep = key.IndexOf("__", StringComparison.Ordinal);
                if (sep <= 0) continue;
                var name = key[..sep];
                if (!supported.Contains(name)) continue;
                var comparator = key[(sep + 2)..];
                var caseSensitive = true;
                if (comparator.StartsWith('i'))
                {
                    caseSensitive = false;
                    comparator = comparator[1..];
                }
                if (comparator is "contains" or "startswith" or "endswith")
                    filter._filters.Add((name, value, comparator, caseSensitive));
            }
        }
        return filter;
    }

    /// <summary>The value of an exact filter, if the query has one.</summary>
    public string? Exact(string name) =>
        _filters.FirstOrDefault(f => f.Name == name && f.Comparator == "equals").Value;

    public bool IsEmpty => _filters.Count == 0;

    /// <summary>True when the rendered entity satisfies every filter.</summary>
    public bool Matches(JsonObject entity)
    {
        foreach (var (name, value, comparator, caseSensitive) in _filters)
        {
            var node = entity[name];
            if (comparator == "equals")
            {
                if (node is JsonValue v && v.TryGetValue<bool>(out var b))
                {
                    if (b != AsBoolean(value)) return false;
                    continue;
                }
                if (node is null || node.ToString() != value) return false;
                continue;
            }
            if (node is not JsonValue sv || !sv.TryGetValue<string>(out var text)) return false;
            var cmp = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            var ok = comparator switch
            {
                "contains" => text.Contains(value, cmp),
                "startswith" => text.StartsWith(value, cmp),
                _ => text.EndsWith(value, cmp),
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>oslo's bool_from_string with default true: only the usual false words mean false.</summary>
    public static bool AsBoolean(string value) =>
        value.Trim().ToLowerInvariant() is not ("f" or "false" or "n" or "no" or "off" or "0");
}
