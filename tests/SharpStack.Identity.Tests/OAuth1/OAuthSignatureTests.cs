using SharpStack.Identity.OAuth1;

namespace SharpStack.Identity.Tests.OAuth1;

/// <summary>Signature base strings and signatures compared with values python3-oauthlib 3.2.2 produced
/// (signature.base_string_uri, normalize_parameters, signature_base_string, _sign_hmac, sign_plaintext).</summary>
public sealed class OAuthSignatureTests
{
    private static KeyValuePair<string, string> P(string k, string v) => new(k, v);

    [Fact]
    public void Hmac_sha1_request_token_vector()
    {
        var uri = OAuthSignature.BaseStringUri("http", "127.0.0.1:5015", "/v3/OS-OAUTH1/request_token");
        Assert.Equal("http://127.0.0.1:5015/v3/OS-OAUTH1/request_token", uri);
        var norm = OAuthSignature.NormalizeParameters([
            P("oauth_nonce", "123456789"), P("oauth_timestamp", "1795313835"), P("oauth_version", "1.0"),
            P("oauth_signature_method", "HMAC-SHA1"), P("oauth_consumer_key", "5137a87f761d47af954acfd81beb6c65"), P("oauth_callback", "oob")]);
        Assert.Equal("oauth_callback=oob&oauth_consumer_key=5137a87f761d47af954acfd81beb6c65&oauth_nonce=123456789&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1795313835&oauth_version=1.0", norm);
        var baseString = OAuthSignature.BaseString("POST", uri, norm);
        Assert.Equal("POST&http%3A%2F%2F127.0.0.1%3A5015%2Fv3%2FOS-OAUTH1%2Frequest_token&oauth_callback%3Doob%26oauth_consumer_key%3D5137a87f761d47af954acfd81beb6c65%26oauth_nonce%3D123456789%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1795313835%26oauth_version%3D1.0", baseString);
        Assert.Equal("HDRi+9SOATj3q+ckfRcfQlkfOpA=", OAuthSignature.Sign(OAuthSignature.HmacSha1, baseString, "c0ffee", null));
    }

    [Fact]
    public void Hmac_sha256_with_query_params_unicode_and_default_port()
    {
        var uri = OAuthSignature.BaseStringUri("HTTP", "Example.COM:80", "/v3/OS-OAUTH1/access_token;p=1");
        Assert.Equal("http://example.com/v3/OS-OAUTH1/access_token;p=1", uri);
        var parameters = new List<KeyValuePair<string, string>> { P("oauth_token", "t"), P("oauth_verifier", "v~é"), P("oauth_consumer_key", "k") };
        parameters.AddRange(OAuthSignedRequest.ParseQuery("b=2&a=%20x+y&c"));
        var norm = OAuthSignature.NormalizeParameters(parameters);
        Assert.Equal("a=%20x%20y&b=2&c=&oauth_consumer_key=k&oauth_token=t&oauth_verifier=v~%C3%A9", norm);
        var baseString = OAuthSignature.BaseString("post", uri, norm);
        Assert.Equal("JXxHdG9K80GHxt3c4JB68zRWcMpQwWJWbGLMPF9038s=", OAuthSignature.Sign(OAuthSignature.HmacSha256, baseString, "se&cret", "tok secret"));
    }

    [Fact]
    public void Hmac_sha512_ipv6_host_space_in_path_and_repeated_names()
    {
        var uri = OAuthSignature.BaseStringUri("https", "[0:0::1]:443", "/a b");
        Assert.Equal("https://[::1]/a%20b", uri);
        var norm = OAuthSignature.NormalizeParameters([P("z", "ünï"), P("a", "1"), P("a", "0")]);
        Assert.Equal("a=0&a=1&z=%C3%BCn%C3%AF", norm);
        var baseString = OAuthSignature.BaseString("GET", uri, norm);
        Assert.Equal("l6YcadAx+iDjc5S7c7IoTdtJE4nCMGzraJOUv1SxK8alX9Cu6bir77624EDU2ryQRxiai17YR1a/Vi8H0iiZ4g==",
            OAuthSignature.Sign(OAuthSignature.HmacSha512, baseString, "s", "t"));
    }

    [Fact]
    public void Plaintext_is_the_escaped_secrets_and_rsa_never_verifies()
    {
        Assert.Equal("cs&ts", OAuthSignature.Sign(OAuthSignature.Plaintext, "ignored", "cs", "ts"));
        Assert.Equal("a%26b&", OAuthSignature.Sign(OAuthSignature.Plaintext, "ignored", "a&b", null));
        Assert.False(OAuthSignature.Verify("RSA-SHA1", "x", "cs", "ts", "anything"));
    }

    [Fact]
    public void Oauthlib_client_header_for_access_token_verifies()
    {
        const string header = "OAuth oauth_nonce=\"0123456789abcdef\", oauth_timestamp=\"1795313835\", oauth_version=\"1.0\", oauth_signature_method=\"HMAC-SHA1\", oauth_consumer_key=\"5137a87f761d47af954acfd81beb6c65\", oauth_token=\"562058181331487b8e4b5bbc7e699215\", oauth_verifier=\"YXJeAHRT\", oauth_signature=\"EfSBsZMPGGpuxzCKI6vHwVePrHM%3D\"";
        var uri = OAuthSignature.BaseStringUri("http", "127.0.0.1:5015", "/v3/OS-OAUTH1/access_token");
        var request = OAuthSignedRequest.Create("POST", uri, "x=%2Fy+z", header, null);
        request.CheckMandatory(DateTimeOffset.FromUnixTimeSeconds(1795313835));
        Assert.Equal("562058181331487b8e4b5bbc7e699215", request.ResourceOwnerKey);
        Assert.Equal("YXJeAHRT", request.Verifier);
        Assert.True(request.SignatureMatches("4f69b19663924765a93e966031bad0e6", "a4616e25845240448b590297a76831f3"));
        Assert.False(request.SignatureMatches("4f69b19663924765a93e966031bad0e6", "wrong"));
        var unsignedQuery = OAuthSignedRequest.Create("POST", uri, null, header, null);
        Assert.False(unsignedQuery.SignatureMatches("4f69b19663924765a93e966031bad0e6", "a4616e25845240448b590297a76831f3"));
    }

    [Fact]
    public void Oauthlib_client_header_with_realm_and_encoded_callback_verifies()
    {
        const string header = "OAuth realm=\"photos\", oauth_nonce=\"0123456789abcdef\", oauth_timestamp=\"1795313835\", oauth_version=\"1.0\", oauth_signature_method=\"HMAC-SHA256\", oauth_consumer_key=\"5137a87f761d47af954acfd81beb6c65\", oauth_callback=\"http%3A%2F%2Fcb%2Fx%3Fa%3D1\", oauth_signature=\"6P1EgnoFVZGU1v4HWylKC6Djgtt%2BVQPtKdd1ianKP14%3D\"";
        var uri = OAuthSignature.BaseStringUri("http", "localhost", "/v3/OS-OAUTH1/request_token");
        var request = OAuthSignedRequest.Create("POST", uri, null, header, null);
        Assert.Equal("photos", request.Realm);
        Assert.Equal("http://cb/x?a=1", request.Callback);
        Assert.True(request.SignatureMatches("4f69b19663924765a93e966031bad0e6", null));
    }

    [Theory]
    [InlineData("OAuth oauth_consumer_key=\"k\"", "Missing mandatory OAuth parameters.")]
    [InlineData("OAuth oauth_consumer_key=\"5137a87f761d47af954acfd81beb6c65\", oauth_nonce=\"12\", oauth_timestamp=\"1795313835\", oauth_signature_method=\"MD5\", oauth_signature=\"x\"", "Invalid signature, MD5 not in ('HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'RSA-SHA1', 'RSA-SHA256', 'RSA-SHA512', 'PLAINTEXT').")]
    [InlineData("OAuth oauth_consumer_key=\"5137a87f761d47af954acfd81beb6c65\", oauth_nonce=\"12\", oauth_timestamp=\"1795313835\", oauth_signature_method=\"HMAC-SHA1\", oauth_signature=\"x\", oauth_version=\"2.0\"", "Invalid OAuth version.")]
    [InlineData("OAuth oauth_consumer_key=\"5137a87f761d47af954acfd81beb6c65\", oauth_nonce=\"12\", oauth_timestamp=\"179531383\", oauth_signature_method=\"HMAC-SHA1\", oauth_signature=\"x\"", "Invalid timestamp size")]
    [InlineData("OAuth oauth_consumer_key=\"5137a87f761d47af954acfd81beb6c65\", oauth_nonce=\"12\", oauth_timestamp=\"17953138xx\", oauth_signature_method=\"HMAC-SHA1\", oauth_signature=\"x\"", "Timestamp must be an integer.")]
    [InlineData("OAuth oauth_consumer_key=\"5137a87f761d47af954acfd81beb6c65\", oauth_nonce=\"12\", oauth_timestamp=\"1795310000\", oauth_signature_method=\"HMAC-SHA1\", oauth_signature=\"x\"", "Timestamp given is invalid, differ from allowed by over 600 seconds.")]
    [InlineData("OAuth oauth_consumer_key=\"KEY\", oauth_nonce=\"12\", oauth_timestamp=\"1795313835\", oauth_signature_method=\"HMAC-SHA1\", oauth_signature=\"x\"", "Invalid client key format.")]
    [InlineData("OAuth oauth_consumer_key=\"5137a87f761d47af954acfd81beb6c65\", oauth_nonce=\"xyz\", oauth_timestamp=\"1795313835\", oauth_signature_method=\"HMAC-SHA1\", oauth_signature=\"x\"", "Invalid nonce format.")]
    public void Mandatory_parameter_checks_give_oauthlibs_descriptions(string header, string description)
    {
        var request = OAuthSignedRequest.Create("POST", "http://h/x", null, header, null);
        var e = Assert.Throws<OAuthProtocolException>(() => request.CheckMandatory(DateTimeOffset.FromUnixTimeSeconds(1795313835)));
        Assert.Equal(description, e.Description);
    }

    [Fact]
    public void Oauth_params_in_two_places_or_none_are_refused()
    {
        var scattered = Assert.Throws<OAuthProtocolException>(() =>
            OAuthSignedRequest.Create("POST", "http://h/x", "oauth_nonce=1", "OAuth oauth_consumer_key=\"k\"", null));
        Assert.Contains("AUTH_HEADER, QUERY", scattered.Description);
        var none = Assert.Throws<OAuthProtocolException>(() => OAuthSignedRequest.Create("POST", "http://h/x", "a=1", "OAuth realm=\"r\"", null));
        Assert.Equal("Missing mandatory OAuth parameters.", none.Description);
        Assert.Throws<FormatException>(() => OAuthSignedRequest.Create("POST", "http://h/x", null, "Basic abc", null));
        Assert.Throws<FormatException>(() => OAuthSignedRequest.Create("POST", "http://h/x", null, "OAuth novalue", null));
    }
}
