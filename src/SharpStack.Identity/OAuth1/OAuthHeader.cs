namespace SharpStack.Identity.OAuth1;

/// <summary>Parses an "Authorization: OAuth k="v", …" header as oauthlib does (urllib's parse_http_list and
/// parse_keqv_list): comma-separated items outside quotes, one surrounding pair of quotes stripped, values left
/// percent-encoded; a repeated name keeps its last value.</summary>
public static class OAuthHeader
{
    /// <summary>The parameters of an OAuth header, or null when the header is not "OAuth …" or is malformed.</summary>
    public static List<KeyValuePair<string, string>>? Parse(string? header)
    {
        const string Scheme = "oauth ";
        if (header is null || header.Length < Scheme.Length || !header[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        var parsed = new List<KeyValuePair<string, string>>();
        foreach (var item in SplitHttpList(header[Scheme.Length..]))
        {
            var eq = item.IndexOf('=');
            if (eq < 0) return null;
            var key = item[..eq];
            var value = item[(eq + 1)..];
            if (value.Length == 0) return null;
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            else if (value == "\"") value = "";
            var existing = parsed.FindIndex(p => p.Key == key);
            if (existing >= 0) parsed[existing] = new(key, value);
            else parsed.Add(new(key, value));
        }
        return parsed;
    }

    /// <summary>urllib.request.parse_http_list: split on commas outside double quotes; backslash escapes inside quotes.</summary>
    private static List<string> SplitHttpList(string s)
    {
        var result = new List<string>();
        var part = new System.Text.StringBuilder();
        bool escape = false, quote = false;
        foreach (var c in s)
        {
            if (escape)
            {
                part.Append(c);
                escape = false;
                continue;
            }
            if (quote)
            {
                if (c == '\\')
                {
                    escape = true;
                    continue;
                }
                if (c == '"') quote = false;
                part.Append(c);
                continue;
            }
            if (c == ',')
            {
                result.Add(part.ToString());
                part.Clear();
                continue;
            }
            if (c == '"') quote = true;
            part.Append(c);
        }
        if (part.Length > 0) result.Add(part.ToString());
        return result.Select(p => p.Trim()).ToList();
    }
}
