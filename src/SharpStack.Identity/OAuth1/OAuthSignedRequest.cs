using System.Globalization;

namespace SharpStack.Identity.OAuth1;

/// <summary>An OAuth-signed request as oauthlib's endpoints read it: parameters from the Authorization header, the
/// form body and the query; the oauth_* ones from exactly one of those places; the protocol checks every endpoint
/// makes before looking at secrets (section 3.2 of RFC 5849).</summary>
public sealed class OAuthSignedRequest
{
    /// <summary>How far a timestamp may be from now (oauthlib's timestamp_lifetime).</summary>
    public static readonly TimeSpan TimestampLifetime = TimeSpan.FromSeconds(600);

    private OAuthSignedRequest(string httpMethod, string baseStringUri, List<KeyValuePair<string, string>> parameters, Dictionary<string, string> oauth, string? realm)
    {
        HttpMethod = httpMethod;
        BaseStringUri = baseStringUri;
        Parameters = parameters;
        OAuthParameters = oauth;
        Realm = realm;
    }

    public string HttpMethod { get; }
    public string BaseStringUri { get; }

    /// <summary>Every signed parameter (all but oauth_signature, and realm when the header carries it).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    public IReadOnlyDictionary<string, string> OAuthParameters { get; }
    public string? Realm { get; }

    public string? Signature => Get("oauth_signature");
    public string? ClientKey => Get("oauth_consumer_key");
    public string? ResourceOwnerKey => Get("oauth_token");
    public string? Nonce => Get("oauth_nonce");
    public string? Timestamp => Get("oauth_timestamp");
    public string? Callback => Get("oauth_callback");
    public string? Verifier => Get("oauth_verifier");
    public string? SignatureMethod => Get("oauth_signature_method");

    private string? Get(string name) => OAuthParameters.TryGetValue(name, out var v) ? v : null;

    /// <summary>Collects the parameters of a request.</summary>
    /// <param name="baseStringUri">The request URI as the signer saw it, without query (see <see cref="OAuthSignature.BaseStringUri"/>).</param>
    /// <param name="query">The raw query string (without "?"); its parameters are signed.</param>
    /// <param name="authorization">The Authorization header, if any.</param>
    /// <param name="formBody">Body parameters, only for form-encoded requests.</param>
    /// <exception cref="OAuthProtocolException">Missing, duplicated or scattered oauth_* parameters.</exception>
    /// <exception cref="FormatException">An Authorization header that is not a well-formed OAuth one.</exception>
    public static OAuthSignedRequest Create(string httpMethod, string baseStringUri, string? query, string? authorization,
        IReadOnlyList<KeyValuePair<string, string>>? formBody)
    {
        var header = new List<KeyValuePair<string, string>>();
        if (authorization is not null)
            header = (OAuthHeader.Parse(authorization) ?? throw new FormatException("Malformed authorization header"))
                .Select(Unescaped).ToList();
        var body = (formBody ?? []).Select(Unescaped).ToList();
        var queryParams = ParseQuery(query).Select(Unescaped).ToList();

        var sources = new[] { ("AUTH_HEADER", header), ("BODY", body), ("QUERY", queryParams) }
            .Where(s => s.Item2.Any(IsOAuth)).ToList();
        if (sources.Count > 1)
            throw OAuthProtocolException.InvalidRequest(
                $"oauth_ params must come from only 1 signaturetype but were found in {string.Join(", ", sources.Select(s => s.Item1))}");
        if (sources.Count == 0)
            throw OAuthProtocolException.InvalidRequest("Missing mandatory OAuth parameters.");
        var oauthList = sources[0].Item2.Where(IsOAuth).ToList();
        var oauth = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in oauthList) oauth[k] = v;
        if (oauth.Count != oauthList.Count)
            throw OAuthProtocolException.InvalidRequest("Duplicate OAuth1 entries.");

        var all = header.Concat(body).Concat(queryParams).ToList();
        var realm = all.LastOrDefault(p => p.Key == "realm") is { Key: not null } r ? r.Value : null;
        var signed = all.Where(p => p.Key != "oauth_signature").ToList();
        if (authorization is not null && authorization.Contains("realm", StringComparison.Ordinal))
            signed = signed.Where(p => p.Key != "realm").ToList();
        return new OAuthSignedRequest(httpMethod, baseStringUri, signed, oauth, realm);
    }

    /// <summary>oauthlib's _check_mandatory_parameters, with Keystone's validator (32-hex client keys, hex nonces).</summary>
    public void CheckMandatory(DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(Signature) || string.IsNullOrEmpty(ClientKey) || string.IsNullOrEmpty(Nonce)
            || string.IsNullOrEmpty(Timestamp) || string.IsNullOrEmpty(SignatureMethod))
            throw OAuthProtocolException.InvalidRequest("Missing mandatory OAuth parameters.");
        if (!OAuthSignature.AllowedMethods.Contains(SignatureMethod))
            throw new OAuthProtocolException("invalid_signature_method",
                $"Invalid signature, {SignatureMethod} not in ({string.Join(", ", OAuthSignature.AllowedMethods.Select(m => $"'{m}'"))}).");
        if (OAuthParameters.TryGetValue("oauth_version", out var version) && version != "1.0")
            throw OAuthProtocolException.InvalidRequest("Invalid OAuth version.");
        if (Timestamp.Length != 10)
            throw OAuthProtocolException.InvalidRequest("Invalid timestamp size");
        if (!long.TryParse(Timestamp.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                CultureInfo.InvariantCulture, out var ts))
            throw OAuthProtocolException.InvalidRequest("Timestamp must be an integer.");
        if (Math.Abs(now.ToUnixTimeMilliseconds() / 1000.0 - ts) > TimestampLifetime.TotalSeconds)
            throw OAuthProtocolException.InvalidRequest($"Timestamp given is invalid, differ from allowed by over {(int)TimestampLifetime.TotalSeconds} seconds.");
        if (!IsUuidHex(ClientKey))
            throw OAuthProtocolException.InvalidRequest("Invalid client key format.");
        if (!Nonce.All(IsLowerHex))
            throw OAuthProtocolException.InvalidRequest("Invalid nonce format.");
    }

    /// <summary>True when the signature matches, given the client (consumer) secret and the token secret.</summary>
    public bool SignatureMatches(string? clientSecret, string? tokenSecret)
    {
        var baseString = OAuthSignature.BaseString(HttpMethod, BaseStringUri, OAuthSignature.NormalizeParameters(Parameters));
        return OAuthSignature.Verify(SignatureMethod!, baseString, clientSecret, tokenSecret, Signature!);
    }

    /// <summary>Keystone's token format check: 32 lower-case hex characters (uuid4().hex).</summary>
    public static bool IsUuidHex(string? s) => s is { Length: 32 } && s.All(IsLowerHex);

    private static bool IsLowerHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f';

    private static bool IsOAuth(KeyValuePair<string, string> p) => p.Key.StartsWith("oauth_", StringComparison.Ordinal);

    /// <summary>oauthlib unescapes the values of oauth_* parameters once more after decoding.</summary>
    private static KeyValuePair<string, string> Unescaped(KeyValuePair<string, string> p) =>
        IsOAuth(p) ? new(p.Key, OAuthSignature.Unescape(p.Value)) : p;

    /// <summary>parse_qsl(keep_blank_values=True): "&amp;"-separated, "+" is a space, %XX decoded.</summary>
    public static List<KeyValuePair<string, string>> ParseQuery(string? query)
    {
        var result = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(query)) return result;
        foreach (var piece in query.Split('&'))
        {
            if (piece.Length == 0) continue;
            var eq = piece.IndexOf('=');
            var name = eq < 0 ? piece : piece[..eq];
            var value = eq < 0 ? "" : piece[(eq + 1)..];
            result.Add(new(OAuthSignature.Unescape(name.Replace('+', ' ')), OAuthSignature.Unescape(value.Replace('+', ' '))));
        }
        return result;
    }
}
