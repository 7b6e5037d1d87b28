using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace SharpStack.Placement.Queries;

/// <summary>The query string as webob's MultiDict sees it: every key=value pair in request order (blank values
/// kept), so that repeated keys and the order groups first appear in are both available.</summary>
public sealed class QueryParams
{
    private readonly List<KeyValuePair<string, string>> _pairs;

    public QueryParams(IEnumerable<KeyValuePair<string, string>> pairs) => _pairs = [.. pairs];

    /// <summary>Reads the request's raw query string ('+' is a space, %-escapes decoded).</summary>
    public static QueryParams From(HttpContext context)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in new QueryStringEnumerable(context.Request.QueryString.Value))
            pairs.Add(new(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
        return new QueryParams(pairs);
    }

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public bool Contains(string key) => _pairs.Exists(p => p.Key == key);

    /// <summary>Every value of <paramref name="key"/>, in request order.</summary>
    public List<string> GetAll(string key) => _pairs.Where(p => p.Key == key).Select(p => p.Value).ToList();

    /// <summary>The last value of <paramref name="key"/> (MultiDict's req.GET[key]), or null.</summary>
    public string? Last(string key)
    {
        for (var i = _pairs.Count - 1; i >= 0; i--)
            if (_pairs[i].Key == key) return _pairs[i].Value;
        return null;
    }
}
