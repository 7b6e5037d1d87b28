using System.Text;

namespace SharpStack.Identity.Catalog;

/// <summary>Substitutes $(project_id)s / %(tenant_id)s / %(user_id)s in endpoint URLs, as Keystone's format_url does.</summary>
public static class EndpointUrl
{
    /// <summary>The keys an endpoint URL may use.</summary>
    public static readonly IReadOnlySet<string> AllowedKeys = new HashSet<string>
    {
        "tenant_id", "project_id", "user_id", "public_bind_host", "admin_bind_host", "compute_host", "admin_port", "public_port", "public_endpoint",
    };

    /// <summary>Formats <paramref name="url"/>. Returns null when it names project_id/tenant_id but there is no project
    /// (domain- or system-scoped catalogs skip such endpoints), or when the URL is malformed.</summary>
    public static string? Format(string url, string userId, string? projectId)
    {
        if (!url.Contains("%(") && !url.Contains("$(")) return url;
        var sb = new StringBuilder(url.Length + 32);
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if ((c == '%' || c == '$') && i + 1 < url.Length && url[i + 1] == '(')
            {
                var close = url.IndexOf(")s", i + 2, StringComparison.Ordinal);
                if (close < 0) return null;
                var key = url[(i + 2)..close];
                string? value = key switch
                {
                    "tenant_id" or "project_id" => projectId,
                    "user_id" => userId,
                    _ => null,
                };
                if (value is null) return null;
                sb.Append(value);
                i = close + 1;
                continue;
            }
            if (c == '%' && i + 1 < url.Length && url[i + 1] == '%')
            {
                sb.Append('%');
                i++;
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>True when every substitution in the URL uses an allowed key (checked when an endpoint is created).</summary>
    public static bool IsValid(string url)
    {
        var i = 0;
        while (true)
        {
            var open = url.IndexOfAny(['%', '$'], i);
            if (open < 0) return true;
            if (open + 1 < url.Length && url[open + 1] == '(')
            {
                var close = url.IndexOf(")s", open + 2, StringComparison.Ordinal);
                if (close < 0) return false;
                if (!AllowedKeys.Contains(url[(open + 2)..close])) return false;
                i = close + 2;
            }
            else
            {
                i = open + 1;
            }
        }
    }
}
