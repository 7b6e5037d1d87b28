using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Image.Configuration;

namespace SharpStack.Image.Images;

/// <summary>One condition of an image list, as Glance's _make_conditions_from_filters builds them.</summary>
public abstract record ImageFilter
{
    /// <summary>column = value, or column IN values (name, id, status, formats, owner, checksum, …).</summary>
    public sealed record Text(string Column, IReadOnlyList<string> Values) : ImageFilter;

    /// <summary>A numeric column compared with a number: "=" (exact), ">=" (_min) or "<=" (_max).</summary>
    public sealed record Number(string Column, string Op, long Value) : ImageFilter;

    /// <summary>created_at/updated_at with gt, gte, lt, lte, neq or eq.</summary>
    public sealed record Time(string Column, string Op, DateTime Value) : ImageFilter;

    public sealed record Flag(string Column, bool Value) : ImageFilter;

    /// <summary>A custom property with exactly this value.</summary>
    public sealed record Property(string Name, string Value) : ImageFilter;

    /// <summary>A tag the image must carry.</summary>
    public sealed record Tag(string Value) : ImageFilter;

    /// <summary>A condition no image meets (a filter on a value the column cannot hold).</summary>
    public sealed record Nothing : ImageFilter;
}

/// <summary>GET /v2/images query parameters parsed and validated as Glance's RequestDeserializer.index, the
/// controller and the database layer do, with their messages and order of refusals.</summary>
public sealed class ImageListQuery
{
    public static readonly string[] SortKeys = ["name", "status", "container_format", "disk_format", "size", "id", "created_at", "updated_at"];
    private static readonly string[] MemberStatuses = ["pending", "accepted", "rejected", "all"];
    private static readonly string[] Visibilities = ["community", "public", "private", "shared", "all"];
    private static readonly string[] ListColumns = ["name", "id", "status", "container_format", "disk_format"];
    private static readonly string[] TextColumns = ["owner", "checksum", "os_hash_algo", "os_hash_value"];
    private static readonly string[] NumberColumns = ["size", "virtual_size", "min_disk", "min_ram"];

    public int Limit { get; private init; }
    public string? Marker { get; private init; }
    public string MemberStatus { get; private init; } = "accepted";

    /// <summary>The visibility parameter as given (null when absent; "" matches nothing, as upstream).</summary>
    public string? Visibility { get; private init; }
    public List<ImageFilter> Filters { get; } = [];

    /// <summary>Sort keys with their directions, created_at and id appended as tie-breakers.</summary>
    public List<(string Key, bool Descending)> Sort { get; } = [];

    /// <summary>The request's parameters for the first/next links: python dict(request.params), i.e. each key at its
    /// first position with its last value.</summary>
    private List<KeyValuePair<string, string>> LinkParams { get; init; } = [];

    public static ImageListQuery Parse(string? rawQuery, SharpStackConfig config)
    {
        var pairs = ParsePairs(rawQuery);
        var remaining = new List<KeyValuePair<string, string>>(pairs);
        var limitText = PopFirst(remaining, "limit");
        var marker = PopFirst(remaining, "marker");
        var memberStatus = PopFirst(remaining, "member_status") ?? "accepted";
        var tags = PopAll(remaining, "tag").Select(t => t.Trim()).ToList();

        // What is left are filters; like a python dict the last value of a key wins.
        var filters = LastValues(remaining.Where(p => p.Key is not ("sort" or "sort_key" or "sort_dir")));
        if (filters.TryGetValue("visibility", out var visibility) && visibility.Length > 0 && !Visibilities.Contains(visibility))
            throw ApiException.BadRequest($"Invalid visibility value: {visibility}");
        if (filters.TryGetValue("changes-since", out var since) && since.Length > 0)
            throw ApiException.BadRequest("The \"changes-since\" filter is no longer available on v2.");
        if (!MemberStatuses.Contains(memberStatus)) throw ApiException.BadRequest($"Invalid status: {memberStatus}");
        int? limit = limitText is null ? null : ParseLimit(limitText);
        var query = new ImageListQuery
        {
            Limit = Math.Min(config.Get(ImageOptions.ApiLimitMax), limit ?? config.Get(ImageOptions.LimitParamDefault)),
            Marker = marker,
            MemberStatus = memberStatus,
            Visibility = filters.GetValueOrDefault("visibility"),
            LinkParams = LastValues(pairs).ToList(),
        };
        query.ParseSorting(remaining);

        // The controller: hidden images are left out unless os_hidden=true asks for (only) them.
        var hidden = (filters.GetValueOrDefault("os_hidden") ?? "false").ToLowerInvariant();
        if (hidden is not ("true" or "false"))
            throw ApiException.BadRequest($"Invalid value '{hidden}' for 'os_hidden' filter. Valid values are 'true' or 'false'.");
        query.Filters.Add(new ImageFilter.Flag("os_hidden", hidden == "true"));
        if (filters.TryGetValue("protected", out var prot))
        {
            if (prot is not ("true" or "false"))
                throw ApiException.BadRequest($"Invalid value '{prot}' for 'protected' filter. Valid values are 'true' or 'false'.");
            query.Filters.Add(new ImageFilter.Flag("protected", prot == "true"));
        }
        foreach (var (key, value) in filters)
        {
            if (key is "visibility" or "os_hidden" or "protected" or "deleted" or "changes-since") continue;
            query.Filters.Add(Condition(key, value));
        }
        foreach (var tag in tags) query.Filters.Add(new ImageFilter.Tag(tag));
        return query;
    }

    /// <summary>The list answer: images, first, schema and (when the page was full) next.</summary>
    public static JsonObject Envelope(JsonArray images, ImageListQuery query, string? nextMarker)
    {
        var parameters = query.LinkParams.Where(p => p.Key != "marker").ToList();
        var body = new JsonObject
        {
            ["images"] = images,
            ["first"] = parameters.Count > 0 ? "/v2/images?" + UrlEncode(parameters) : "/v2/images",
            ["schema"] = "/v2/schemas/images",
        };
        if (nextMarker is not null && images.Count > 0)
            body["next"] = "/v2/images?" + UrlEncode([.. parameters, new("marker", nextMarker)]);
        return body;
    }

    private static int ParseLimit(string text)
    {
        if (!PythonInt.TryParse(text, out var value)) throw ApiException.BadRequest("limit param must be an integer");
        if (value < 0) throw ApiException.BadRequest("limit param must be positive");
        return value > int.MaxValue ? int.MaxValue : (int)value;
    }

    private void ParseSorting(List<KeyValuePair<string, string>> remaining)
    {
        var keys = new List<string>();
        var dirs = new List<string>();
        var sort = PopFirst(remaining, "sort");
        if (sort is not null)
        {
            if (remaining.Any(p => p.Key is "sort_key" or "sort_dir"))
                throw ApiException.BadRequest("Old and new sorting syntax cannot be combined");
            foreach (var part in sort.Trim().Split(','))
            {
                var colon = part.IndexOf(':');
                var key = colon < 0 ? part : part[..colon];
                var dir = colon < 0 || colon == part.Length - 1 ? "desc" : part[(colon + 1)..];
                keys.Add(SortKey(key.Trim()));
                dirs.Add(SortDir(dir.Trim()));
            }
        }
        else
        {
            keys.AddRange(PopAll(remaining, "sort_key").Select(k => SortKey(k.Trim())));
            dirs.AddRange(PopAll(remaining, "sort_dir").Select(d => SortDir(d.Trim())));
            if (dirs.Count > 1 && dirs.Count != keys.Count)
                throw ApiException.BadRequest("Number of sort dirs does not match the number of sort keys");
        }
        if (keys.Count == 0) keys.Add("created_at");
        if (dirs.Count == 0) dirs.Add("desc");
        // The database layer: one direction applies to every key and to the tie-breakers.
        var fallback = dirs.Count == 1 ? dirs[0] : "desc";
        for (var i = 0; i < keys.Count; i++) Sort.Add((keys[i], (dirs.Count == 1 ? dirs[0] : dirs[i]) == "desc"));
        foreach (var tie in new[] { "created_at", "id" })
            if (!keys.Contains(tie)) Sort.Add((tie, fallback == "desc"));
    }

    private static string SortKey(string key) => SortKeys.Contains(key) ? key
        : throw ApiException.BadRequest($"Invalid sort key: {key}. It must be one of the following: {string.Join(", ", SortKeys)}.");

    private static string SortDir(string dir) => dir is "asc" or "desc" ? dir : throw ApiException.BadRequest($"Invalid sort direction: {dir}");

    private static ImageFilter Condition(string key, string value)
    {
        if (key.EndsWith("_min", StringComparison.Ordinal) || key.EndsWith("_max", StringComparison.Ordinal))
        {
            if (!PythonInt.TryParse(value, out var n)) throw ApiException.BadRequest("Unable to filter on a range with a non-numeric value.");
            var column = key[..^4];
            // Glance answers 500 for a range on something that is not a column; no image matches here.
            return NumberColumns.Contains(column) ? new ImageFilter.Number(column, key.EndsWith("_min", StringComparison.Ordinal) ? ">=" : "<=", n) : new ImageFilter.Nothing();
        }
        if (key is "created_at" or "updated_at")
        {
            var (op, text) = SplitOperator(value);
            var time = Iso8601.Parse(text) ?? throw ApiException.BadRequest($"Bad \"{key}\" query filter format. Use ISO 8601 DateTime notation.");
            if (op is not ("gt" or "gte" or "lt" or "lte" or "neq" or "eq")) throw ApiException.BadRequest("Unable to filter on a unknown operator.");
            return new ImageFilter.Time(key, op, time);
        }
        if (ListColumns.Contains(key))
        {
            var (op, text) = SplitOperator(value);
            return op switch
            {
                "in" => new ImageFilter.Text(key, SplitQuoted(text)),
                "eq" => new ImageFilter.Text(key, [text]),
                _ => throw ApiException.BadRequest($"Unable to filter by unknown operator '{op}'."),
            };
        }
        if (TextColumns.Contains(key)) return new ImageFilter.Text(key, [value]);
        if (NumberColumns.Contains(key))
            return PythonInt.TryParse(value, out var n) ? new ImageFilter.Number(key, "=", n) : new ImageFilter.Nothing();
        return new ImageFilter.Property(key, value);
    }

    /// <summary>Glance's split_filter_op: "op:value", except that a whole ISO 8601 time is an eq.</summary>
    private static (string Op, string Value) SplitOperator(string expression)
    {
        var colon = expression.IndexOf(':');
        if (colon < 0 || Iso8601.Parse(expression) is not null) return ("eq", expression);
        return (expression[..colon], expression[(colon + 1)..]);
    }

    private static readonly Regex Quoted = new("""
        "(                 # a double-quoted value
           [^"\\]*
           (?:\\.[^"\\]*)*
         )",?
        | ([^,]+),?        # or anything up to a comma
        | ,                # or an empty value
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant);

    /// <summary>Glance's split_filter_value_for_quotes (api-wg "in:" lists with "quoted, values").</summary>
    public static List<string> SplitQuoted(string value)
    {
        var open = true;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '"' || (i > 0 && value[i - 1] == '\\')) continue;
            if (open && i > 0 && value[i - 1] != ',')
                throw ApiException.BadRequest($"Invalid filter value {value}. There is no comma before opening quotation mark.");
            if (!open && i + 1 != value.Length && value[i + 1] != ',')
                throw ApiException.BadRequest($"Invalid filter value {value}. There is no comma after closing quotation mark.");
            open = !open;
        }
        if (!open) throw ApiException.BadRequest($"Invalid filter value {value}. The quote is not closed.");
        return Quoted.Matches(value).Select(m => m.Groups[1].Success && m.Groups[1].Length > 0 ? m.Groups[1].Value : m.Groups[2].Value).ToList();
    }

    private static string? PopFirst(List<KeyValuePair<string, string>> pairs, string key)
    {
        var i = pairs.FindIndex(p => p.Key == key);
        if (i < 0) return null;
        var value = pairs[i].Value;
        pairs.RemoveAt(i);
        return value;
    }

    private static List<string> PopAll(List<KeyValuePair<string, string>> pairs, string key)
    {
        var values = pairs.Where(p => p.Key == key).Select(p => p.Value).ToList();
        pairs.RemoveAll(p => p.Key == key);
        return values;
    }

    /// <summary>Python's dict(pairs): each key at its first position, holding its last value.</summary>
    private static Dictionary<string, string> LastValues(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in pairs) result[k] = v;
        return result;
    }

    /// <summary>The query string as webob reads it: '&amp;'-separated, '+' as space, percent-decoded, blanks kept.</summary>
    private static List<KeyValuePair<string, string>> ParsePairs(string? raw)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(raw)) return pairs;
        foreach (var part in raw.TrimStart('?').Split('&'))
        {
            if (part.Length == 0) continue;
            var eq = part.IndexOf('=');
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            pairs.Add(new(Decode(key), Decode(value)));
        }
        return pairs;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    /// <summary>python's urlencode (quote_plus on keys and values).</summary>
    private static string UrlEncode(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in pairs)
        {
            if (sb.Length > 0) sb.Append('&');
            sb.Append(QuotePlus(k)).Append('=').Append(QuotePlus(v));
        }
        return sb.ToString();
    }

    private static string QuotePlus(string s) => Uri.EscapeDataString(s).Replace("%20", "+");
}

/// <summary>python's int() on a query string value: optional sign, digits, surrounding whitespace, '_' separators.</summary>
internal static class PythonInt
{
    public static bool TryParse(string text, out long value)
    {
        var t = text.Trim();
        if (t.Contains("__") || t.StartsWith('_') || t.EndsWith('_') || t.Contains("-_") || t.Contains("+_")) { value = 0; return false; }
        return long.TryParse(t.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>The ISO 8601 forms oslo's parse_isotime (the iso8601 library) accepts, normalized to UTC.</summary>
internal static class Iso8601
{
    private static readonly Regex Format = new(
        @"^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$",
        RegexOptions.CultureInvariant);

    public static DateTime? Parse(string text)
    {
        var m = Format.Match(text);
        if (!m.Success) return null;
        int Part(int g, int fallback) => m.Groups[g].Success ? int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : fallback;
        try
        {
            var t = new DateTime(Part(1, 1), Part(2, 1), Part(3, 1), Part(4, 0), Part(5, 0), Part(6, 0), DateTimeKind.Utc);
            if (m.Groups[7].Success)
                t = t.AddTicks((long)(double.Parse("0." + m.Groups[7].Value, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));
            if (m.Groups[8].Success && m.Groups[8].Value != "Z")
            {
                var z = m.Groups[8].Value.Replace(":", "");
                var offset = new TimeSpan(int.Parse(z[1..3], CultureInfo.InvariantCulture), z.Length > 3 ? int.Parse(z[3..5], CultureInfo.InvariantCulture) : 0, 0);
                t = z[0] == '+' ? t - offset : t + offset;
            }
            return t;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
