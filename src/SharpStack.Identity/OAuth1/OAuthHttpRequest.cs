using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;

namespace SharpStack.Identity.OAuth1;

/// <summary>Reads OAuth-signed HTTP requests the way Keystone hands them to oauthlib.</summary>
public static class OAuthHttpRequest
{
    private const string FormContentType = "application/x-www-form-urlencoded";

    /// <summary>The Authorization header's parameters (values as sent, still percent-encoded), as Keystone's
    /// get_oauth_headers reads them. Keystone answers 500 without the header; this answers 400.</summary>
    public static Dictionary<string, string> HeaderParameters(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
            throw KeystoneRequest.Expecting("Authorization", "request headers");
        var parsed = OAuthHeader.Parse(header)
            ?? throw ApiException.BadRequest("Validation failed with errors: invalid_request, detail message is: Malformed authorization header.");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in parsed) result[k] = v;
        return result;
    }

    /// <summary>The request token and access token endpoints sign the request URL itself (host as sent, scheme of the
    /// public endpoint, path and query as sent).</summary>
    public static OAuthSignedRequest ForTokenEndpoint(HttpContext context)
    {
        var request = context.Request;
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.PathBase + request.Path + request.QueryString);
        var q = raw.IndexOf('?');
        var path = q < 0 ? raw : raw[..q];
        var query = q < 0 ? null : raw[(q + 1)..];
        var uri = OAuthSignature.BaseStringUri(PublicScheme(context), request.Host.Value ?? "", path);
        return OAuthSignedRequest.Create(request.Method, uri, query, Authorization(context), FormBody(context));
    }

    /// <summary>The oauth1 authentication method signs the public URL of /v3/auth/tokens, without any query.</summary>
    public static OAuthSignedRequest ForAuthentication(HttpContext context)
    {
        var url = new Uri(KeystoneResponse.BaseUrl(context) + "/v3/auth/tokens");
        var uri = OAuthSignature.BaseStringUri(url.Scheme, url.Authority, url.AbsolutePath);
        return OAuthSignedRequest.Create(context.Request.Method, uri, null, Authorization(context), FormBody(context));
    }

    private static string? Authorization(HttpContext context) =>
        context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;

    private static string PublicScheme(HttpContext context)
    {
        var configured = context.RequestServices.GetService(typeof(IdentityEndpoint)) as IdentityEndpoint;
        return configured?.PublicBase is { } b && Uri.TryCreate(b, UriKind.Absolute, out var u) ? u.Scheme : context.Request.Scheme;
    }

    /// <summary>Keystone passes the query arguments as the body; oauthlib reads them only for form-encoded requests.</summary>
    private static List<KeyValuePair<string, string>>? FormBody(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        if (contentType is null || !contentType.Contains(FormContentType, StringComparison.OrdinalIgnoreCase)) return null;
        return context.Request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.FirstOrDefault() ?? "")).ToList();
    }
}
