using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace SharpStack.Identity.OAuth1;

/// <summary>RFC 5849 section 3.4 as oauthlib implements it: the signature base string (method, base string URI,
/// normalized parameters) and the HMAC-SHA1/256/512 and PLAINTEXT signatures over it.</summary>
public static class OAuthSignature
{
    public const string HmacSha1 = "HMAC-SHA1";
    public const string HmacSha256 = "HMAC-SHA256";
    public const string HmacSha512 = "HMAC-SHA512";
    public const string Plaintext = "PLAINTEXT";

    /// <summary>The methods oauthlib accepts by default (RSA ones are accepted but never verify here: Keystone has no RSA keys).</summary>
    public static readonly IReadOnlyList<string> AllowedMethods =
        [HmacSha1, HmacSha256, HmacSha512, "RSA-SHA1", "RSA-SHA256", "RSA-SHA512", Plaintext];

    /// <summary>Percent-encodes the UTF-8 bytes of <paramref name="s"/>, leaving only ALPHA, DIGIT, "-", ".", "_", "~" (section 3.6).</summary>
    public static string Escape(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
                sb.Append((char)b);
            else
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Python's urllib unquote: %XX sequences decoded as UTF-8 (invalid bytes become U+FFFD), "+" kept.</summary>
    public static string Unescape(string s)
    {
        if (!s.Contains('%')) return s;
        var result = new StringBuilder(s.Length);
        var pending = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && i + 2 < s.Length && IsHex(s[i + 1]) && IsHex(s[i + 2]))
            {
                pending.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
                continue;
            }
            Flush();
            result.Append(s[i]);
        }
        Flush();
        return result.ToString();

        void Flush()
        {
            if (pending.Count == 0) return;
            result.Append(Encoding.UTF8.GetString(pending.ToArray()));
            pending.Clear();
        }
    }

    /// <summary>The base string URI (section 3.4.1.2): lower-case scheme and host, default port dropped, the path
    /// (with ";params") kept, no query.</summary>
    public static string BaseStringUri(string scheme, string host, string pathAndParams)
    {
        scheme = scheme.ToLowerInvariant();
        var (hostname, port) = SplitHost(host.ToLowerInvariant());
        if (IPAddress.TryParse(hostname, out var ip))
            hostname = ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
        var netloc = port is null || (scheme, port) is ("http", 80) or ("https", 443) ? hostname : $"{hostname}:{port}";
        var path = pathAndParams.Length == 0 ? "/" : pathAndParams;
        return $"{scheme}://{netloc}{path}".Replace(" ", "%20", StringComparison.Ordinal);
    }

    /// <summary>Normalized request parameters (section 3.4.1.3.2): escaped, sorted by name then value, joined.</summary>
    public static string NormalizeParameters(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var escaped = parameters.Select(p => (Key: Escape(p.Key), Value: Escape(p.Value))).ToList();
        escaped.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Key, b.Key);
            return c != 0 ? c : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join("&", escaped.Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>The signature base string (section 3.4.1.1).</summary>
    public static string BaseString(string httpMethod, string baseStringUri, string normalizedParameters) =>
        Escape(httpMethod.ToUpperInvariant()) + "&" + Escape(baseStringUri) + "&" + Escape(normalizedParameters);

    /// <summary>The signature for <paramref name="method"/>, or null for methods that cannot be verified here (RSA).</summary>
    public static string? Sign(string method, string baseString, string? clientSecret, string? tokenSecret)
    {
        var key = Escape(clientSecret ?? "") + "&" + Escape(tokenSecret ?? "");
        if (method == Plaintext) return key;
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var text = Encoding.UTF8.GetBytes(baseString);
        byte[]? digest = method switch
        {
            HmacSha1 => HMACSHA1.HashData(keyBytes, text),
            HmacSha256 => HMACSHA256.HashData(keyBytes, text),
            HmacSha512 => HMACSHA512.HashData(keyBytes, text),
            _ => null,
        };
        return digest is null ? null : Convert.ToBase64String(digest);
    }

    /// <summary>True when <paramref name="signature"/> is the expected one (compared in constant time).</summary>
    public static bool Verify(string method, string baseString, string? clientSecret, string? tokenSecret, string signature)
    {
        var expected = Sign(method, baseString, clientSecret, tokenSecret);
        return expected is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(signature));
    }

    private static (string Host, int? Port) SplitHost(string host)
    {
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']');
            if (end < 0) return (host, null);
            var rest = host[(end + 1)..];
            return (host[1..end], rest.StartsWith(':') && int.TryParse(rest[1..], out var p6) ? p6 : null);
        }
        var colon = host.LastIndexOf(':');
        if (colon >= 0 && int.TryParse(host[(colon + 1)..], out var port))
            return (host[..colon], port);
        return (colon >= 0 ? host[..colon] : host, null);
    }

    private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
}
