using System.Net;
using System.Text.Json.Nodes;
using SharpStack.Identity.OAuth1;
using static SharpStack.Identity.Tests.Api.DelegationSeed;

namespace SharpStack.Identity.Tests.Api;

public sealed class OAuth1ApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    /// <summary>Signs like tempest's OAUTHTokenClient / oauthlib's Client: oauth_* in the Authorization header.</summary>
    private static string SignedHeader(string method, Uri url, string consumerKey, string consumerSecret, string? token = null,
        string? tokenSecret = null, string? verifier = null, string? callback = null, long? timestamp = null, string signatureMethod = OAuthSignature.HmacSha1)
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("oauth_nonce", Random.Shared.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) + ts),
            new("oauth_timestamp", ts),
            new("oauth_version", "1.0"),
            new("oauth_signature_method", signatureMethod),
            new("oauth_consumer_key", consumerKey),
        };
        if (token is not null) parameters.Add(new("oauth_token", token));
        if (callback is not null) parameters.Add(new("oauth_callback", callback));
        if (verifier is not null) parameters.Add(new("oauth_verifier", verifier));
        var uri = OAuthSignature.BaseStringUri(url.Scheme, url.Authority, url.AbsolutePath);
        var signed = parameters.ToList();
        signed.AddRange(OAuthSignedRequest.ParseQuery(url.Query.TrimStart('?')));
        var baseString = OAuthSignature.BaseString(method, uri, OAuthSignature.NormalizeParameters(signed));
        parameters.Add(new("oauth_signature", OAuthSignature.Sign(signatureMethod, baseString, consumerSecret, tokenSecret)!));
        return "OAuth " + string.Join(", ", parameters.Select(p => $"{OAuthSignature.Escape(p.Key)}=\"{OAuthSignature.Escape(p.Value)}\""));
    }

    private async Task<(HttpStatusCode Status, string Body, string? ContentType)> PostSignedAsync(string path, string authorization, string? projectId = null)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        if (projectId is not null) request.Headers.Add("Requested-Project-Id", projectId);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString());
    }

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    private async Task<JsonObject> CreateConsumerAsync()
    {
        using var admin = server.AdminClient();
        using var response = await admin.PostAsync("v3/OS-OAUTH1/consumers", IdentityServer.Json(new JsonObject { ["consumer"] = new JsonObject { ["description"] = "c" } }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await IdentityServer.ReadAsync(response))["consumer"]!.AsObject();
    }

    private Uri Url(string path) => new(server.BaseUri, path);

    private async Task<string> AdminProjectAsync()
    {
        var (_, body) = await ValidateAsync(server, server.AdminToken);
        return body["token"]!["project"]!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Consumers_crud()
    {
        var consumer = await CreateConsumerAsync();
        var id = consumer["id"]!.GetValue<string>();
        Assert.Equal(32, consumer["secret"]!.GetValue<string>().Length);
        using var admin = server.AdminClient();
        var shown = (await IdentityServer.ReadAsync(await admin.GetAsync("v3/OS-OAUTH1/consumers/" + id)))["consumer"]!.AsObject();
        Assert.False(shown.ContainsKey("secret"));
        Assert.Equal(consumer["links"]!.ToJsonString(), shown["links"]!.ToJsonString());

        using (var updated = await admin.PatchAsync("v3/OS-OAUTH1/consumers/" + id, IdentityServer.Json(new JsonObject { ["consumer"] = new JsonObject { ["description"] = "new", ["x"] = 1 } })))
        {
            var body = (await IdentityServer.ReadAsync(updated))["consumer"]!;
            Assert.Equal("new", body["description"]!.GetValue<string>());
            Assert.Equal(1, body["x"]!.GetValue<int>());
        }
        using (var secret = await admin.PatchAsync("v3/OS-OAUTH1/consumers/" + id, IdentityServer.Json(new JsonObject { ["consumer"] = new JsonObject { ["secret"] = "s" } })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, secret.StatusCode);
            Assert.StartsWith("{'secret': 's'} should not be valid under {'required': ['secret']}", Message(await IdentityServer.ReadAsync(secret)));
        }
        using (var changeId = await admin.PatchAsync("v3/OS-OAUTH1/consumers/" + id, IdentityServer.Json(new JsonObject { ["consumer"] = new JsonObject { ["id"] = "other" } })))
            Assert.Equal("Cannot change ID", Message(await IdentityServer.ReadAsync(changeId)));
        using (var empty = await admin.PatchAsync("v3/OS-OAUTH1/consumers/" + id, IdentityServer.Json(new JsonObject { ["consumer"] = new JsonObject() })))
            Assert.StartsWith("{} does not have enough properties", Message(await IdentityServer.ReadAsync(empty)));
        var listed = (await IdentityServer.ReadAsync(await admin.GetAsync("v3/OS-OAUTH1/consumers")))["consumers"]!.AsArray();
        Assert.Contains(listed, c => c!["id"]!.GetValue<string>() == id);
        using (var deleted = await admin.DeleteAsync("v3/OS-OAUTH1/consumers/" + id))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await admin.GetAsync("v3/OS-OAUTH1/consumers/" + id);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("Consumer not found", Message(await IdentityServer.ReadAsync(gone)));

        var (_, _, userToken) = await ScopedUserAsync(server, "oc", "member");
        using var member = server.Client(userToken);
        using var forbidden = await member.PostAsync("v3/OS-OAUTH1/consumers", IdentityServer.Json(new JsonObject { ["consumer"] = new JsonObject() }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Full_flow_request_authorize_access_authenticate_revoke()
    {
        var consumer = await CreateConsumerAsync();
        var key = consumer["id"]!.GetValue<string>();
        var secret = consumer["secret"]!.GetValue<string>();
        var projectId = await AdminProjectAsync();

        var (status, body, contentType) = await PostSignedAsync("v3/OS-OAUTH1/request_token",
            SignedHeader("POST", Url("v3/OS-OAUTH1/request_token"), key, secret, callback: "oob"), projectId);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("application/x-www-form-urlencoded", contentType);
        var requestToken = Form(body);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$", requestToken["oauth_expires_at"]);

        var member = await RoleIdAsync(server, "member");
        using var admin = server.AdminClient();
        using (var authorize = await admin.PutAsync("v3/OS-OAUTH1/authorize/" + requestToken["oauth_token"],
            IdentityServer.Json(new JsonObject { ["roles"] = new JsonArray(new JsonObject { ["id"] = member }) })))
        {
            Assert.Equal(HttpStatusCode.OK, authorize.StatusCode);
            requestToken["verifier"] = (await IdentityServer.ReadAsync(authorize))["token"]!["oauth_verifier"]!.GetValue<string>();
        }
        Assert.Equal(8, requestToken["verifier"].Length);

        var badVerifier = await PostSignedAsync("v3/OS-OAUTH1/access_token", SignedHeader("POST", Url("v3/OS-OAUTH1/access_token"), key, secret,
            requestToken["oauth_token"], requestToken["oauth_token_secret"], verifier: "abcdefgh"));
        Assert.Equal(HttpStatusCode.Unauthorized, badVerifier.Status);
        var badSignature = await PostSignedAsync("v3/OS-OAUTH1/access_token", SignedHeader("POST", Url("v3/OS-OAUTH1/access_token"), key, "wrong",
            requestToken["oauth_token"], requestToken["oauth_token_secret"], verifier: requestToken["verifier"]));
        Assert.Equal(HttpStatusCode.Unauthorized, badSignature.Status);

        var accessHeader = SignedHeader("POST", Url("v3/OS-OAUTH1/access_token"), key, secret,
            requestToken["oauth_token"], requestToken["oauth_token_secret"], verifier: requestToken["verifier"]);
        var (accessStatus, accessBody, _) = await PostSignedAsync("v3/OS-OAUTH1/access_token", accessHeader);
        Assert.Equal(HttpStatusCode.Created, accessStatus);
        var accessToken = Form(accessBody);
        var replay = await PostSignedAsync("v3/OS-OAUTH1/access_token", accessHeader);
        Assert.Equal(HttpStatusCode.NotFound, replay.Status);
        Assert.Contains("Request token not found", replay.Body);

        var (_, adminBody) = await ValidateAsync(server, server.AdminToken);
        var adminId = adminBody["token"]!["user"]!["id"]!.GetValue<string>();
        var tokenPath = $"v3/users/{adminId}/OS-OAUTH1/access_tokens/{accessToken["oauth_token"]}";
        var shown = (await IdentityServer.ReadAsync(await admin.GetAsync(tokenPath)))["access_token"]!;
        Assert.Equal(accessToken["oauth_expires_at"], shown["expires_at"]!.GetValue<string>());
        Assert.Equal(key, shown["consumer_id"]!.GetValue<string>());
        Assert.Equal(projectId, shown["project_id"]!.GetValue<string>());
        Assert.Contains((await IdentityServer.ReadAsync(await admin.GetAsync($"v3/users/{adminId}/OS-OAUTH1/access_tokens")))["access_tokens"]!.AsArray(),
            t => t!["id"]!.GetValue<string>() == accessToken["oauth_token"]);
        var roles = (await IdentityServer.ReadAsync(await admin.GetAsync(tokenPath + "/roles")))["roles"]!.AsArray();
        Assert.Equal(member, Assert.Single(roles)!["id"]!.GetValue<string>());
        Assert.False(roles[0]!.AsObject().ContainsKey("description"));
        using (var role = await admin.GetAsync($"{tokenPath}/roles/{member}"))
            Assert.Equal(member, (await IdentityServer.ReadAsync(role))["role"]!["id"]!.GetValue<string>());
        using (var otherUser = await admin.GetAsync($"v3/users/other/OS-OAUTH1/access_tokens/{accessToken["oauth_token"]}"))
            Assert.Equal("Could not find: %(target)s.", Message(await IdentityServer.ReadAsync(otherUser)));

        // Authenticate with the access token: a token for the authorizing user, on the project, with the delegated roles.
        using var client = server.Client();
        using var authRequest = new HttpRequestMessage(HttpMethod.Post, "v3/auth/tokens")
        {
            Content = IdentityServer.Json(new JsonObject
            {
                ["auth"] = new JsonObject { ["identity"] = new JsonObject { ["methods"] = new JsonArray("oauth1"), ["oauth1"] = new JsonObject() } },
            }),
        };
        authRequest.Headers.TryAddWithoutValidation("Authorization",
            SignedHeader("POST", Url("v3/auth/tokens"), key, secret, accessToken["oauth_token"], accessToken["oauth_token_secret"]));
        using var authResponse = await client.SendAsync(authRequest);
        Assert.Equal(HttpStatusCode.Created, authResponse.StatusCode);
        var oauthToken = authResponse.Headers.GetValues("X-Subject-Token").Single();
        var token = (await IdentityServer.ReadAsync(authResponse))["token"]!;
        Assert.Equal(adminId, token["user"]!["id"]!.GetValue<string>());
        Assert.Equal(projectId, token["project"]!["id"]!.GetValue<string>());
        Assert.Equal(accessToken["oauth_token"], token["OS-OAUTH1"]!["access_token_id"]!.GetValue<string>());
        Assert.Equal(key, token["OS-OAUTH1"]!["consumer_id"]!.GetValue<string>());
        Assert.Equal(["member", "reader"], token["roles"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Order());

        // OAuth tokens are delegated: no further tokens, no access-token management.
        var rescope = await AuthAsync(server, new JsonObject
        {
            ["auth"] = new JsonObject { ["identity"] = new JsonObject { ["methods"] = new JsonArray("token"), ["token"] = new JsonObject { ["id"] = oauthToken } } },
        });
        Assert.Equal("You are not authorized to perform the requested action: Using OAuth-scoped token to create another token. Create a new OAuth-scoped token instead.", Message(rescope.Body));

        using (var revoke = await admin.DeleteAsync(tokenPath))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var (afterStatus, afterBody) = await ValidateAsync(server, oauthToken);
        Assert.Equal(HttpStatusCode.NotFound, afterStatus);
        Assert.Equal("Access token not found", Message(afterBody));
        using var again = await admin.GetAsync(tokenPath);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Deleting_the_consumer_revokes_its_tokens()
    {
        var consumer = await CreateConsumerAsync();
        var key = consumer["id"]!.GetValue<string>();
        var secret = consumer["secret"]!.GetValue<string>();
        var projectId = await AdminProjectAsync();
        var requestToken = Form((await PostSignedAsync("v3/OS-OAUTH1/request_token",
            SignedHeader("POST", Url("v3/OS-OAUTH1/request_token"), key, secret, callback: "oob", signatureMethod: OAuthSignature.HmacSha256), projectId)).Body);
        using var admin = server.AdminClient();
        using var authorize = await admin.PutAsync("v3/OS-OAUTH1/authorize/" + requestToken["oauth_token"],
            IdentityServer.Json(new JsonObject { ["roles"] = new JsonArray(new JsonObject { ["name"] = "reader" }) }));
        var verifier = (await IdentityServer.ReadAsync(authorize))["token"]!["oauth_verifier"]!.GetValue<string>();
        var accessToken = Form((await PostSignedAsync("v3/OS-OAUTH1/access_token", SignedHeader("POST", Url("v3/OS-OAUTH1/access_token"), key, secret,
            requestToken["oauth_token"], requestToken["oauth_token_secret"], verifier: verifier, signatureMethod: OAuthSignature.Plaintext))).Body);
        using var client = server.Client();
        using var authRequest = new HttpRequestMessage(HttpMethod.Post, "v3/auth/tokens")
        {
            Content = IdentityServer.Json(new JsonObject
            {
                ["auth"] = new JsonObject { ["identity"] = new JsonObject { ["methods"] = new JsonArray("oauth1"), ["oauth1"] = new JsonObject() } },
            }),
        };
        authRequest.Headers.TryAddWithoutValidation("Authorization",
            SignedHeader("POST", Url("v3/auth/tokens"), key, secret, accessToken["oauth_token"], accessToken["oauth_token_secret"], signatureMethod: OAuthSignature.HmacSha512));
        using var authResponse = await client.SendAsync(authRequest);
        Assert.Equal(HttpStatusCode.Created, authResponse.StatusCode);
        var oauthToken = authResponse.Headers.GetValues("X-Subject-Token").Single();

        (await admin.DeleteAsync("v3/OS-OAUTH1/consumers/" + key)).Dispose();
        Assert.Equal(HttpStatusCode.NotFound, (await ValidateAsync(server, oauthToken)).Status);
    }

    [Fact]
    public async Task Protocol_errors_and_missing_things()
    {
        var consumer = await CreateConsumerAsync();
        var key = consumer["id"]!.GetValue<string>();
        var secret = consumer["secret"]!.GetValue<string>();
        var projectId = await AdminProjectAsync();
        var url = Url("v3/OS-OAUTH1/request_token");

        var noHeader = await PostSignedAsync("v3/OS-OAUTH1/request_token", "", projectId);
        Assert.Equal(HttpStatusCode.BadRequest, noHeader.Status);
        var noProject = await PostSignedAsync("v3/OS-OAUTH1/request_token", SignedHeader("POST", url, key, secret, callback: "oob"));
        Assert.Contains("Expecting to find Requested-Project-Id in request.", noProject.Body);
        var unknownProject = await PostSignedAsync("v3/OS-OAUTH1/request_token", SignedHeader("POST", url, key, secret, callback: "oob"), "nope");
        Assert.Contains("Could not find project: nope.", unknownProject.Body);
        var unknownConsumer = await PostSignedAsync("v3/OS-OAUTH1/request_token", SignedHeader("POST", url, "0123456789abcdef0123456789abcdef", secret, callback: "oob"), projectId);
        Assert.Equal(HttpStatusCode.NotFound, unknownConsumer.Status);
        Assert.Contains("Consumer not found", unknownConsumer.Body);
        var stale = await PostSignedAsync("v3/OS-OAUTH1/request_token", SignedHeader("POST", url, key, secret, callback: "oob", timestamp: 1_000_000_000), projectId);
        Assert.Equal(HttpStatusCode.BadRequest, stale.Status);
        Assert.Contains("Validation failed with errors: invalid_request, detail message is: Timestamp given is invalid, differ from allowed by over 600 seconds..", stale.Body);
        var noCallback = await PostSignedAsync("v3/OS-OAUTH1/request_token", SignedHeader("POST", url, key, secret), projectId);
        Assert.Contains("Missing callback URI.", noCallback.Body);
        var badSignature = await PostSignedAsync("v3/OS-OAUTH1/request_token", SignedHeader("POST", url, key, "wrong", callback: "oob"), projectId);
        Assert.Equal(HttpStatusCode.Unauthorized, badSignature.Status);
        var otherHost = await PostSignedAsync("v3/OS-OAUTH1/request_token", SignedHeader("POST", new Uri("http://elsewhere:5000/v3/OS-OAUTH1/request_token"), key, secret, callback: "oob"), projectId);
        Assert.Equal(HttpStatusCode.Unauthorized, otherHost.Status);

        var requestToken = Form((await PostSignedAsync("v3/OS-OAUTH1/request_token", SignedHeader("POST", url, key, secret, callback: "oob"), projectId)).Body);
        var accessUrl = Url("v3/OS-OAUTH1/access_token");
        var unauthorized = await PostSignedAsync("v3/OS-OAUTH1/access_token",
            SignedHeader("POST", accessUrl, key, secret, requestToken["oauth_token"], requestToken["oauth_token_secret"], verifier: "abcdefgh"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.Status);
        var noVerifier = await PostSignedAsync("v3/OS-OAUTH1/access_token",
            SignedHeader("POST", accessUrl, key, secret, requestToken["oauth_token"], requestToken["oauth_token_secret"]));
        Assert.Contains("Expecting to find oauth_verifier in request.", noVerifier.Body);
        var badVerifierFormat = await PostSignedAsync("v3/OS-OAUTH1/access_token",
            SignedHeader("POST", accessUrl, key, secret, requestToken["oauth_token"], requestToken["oauth_token_secret"], verifier: "short"));
        Assert.Contains("Invalid verifier format.", badVerifierFormat.Body);

        using var admin = server.AdminClient();
        using (var notHeld = await admin.PutAsync("v3/OS-OAUTH1/authorize/" + requestToken["oauth_token"],
            IdentityServer.Json(new JsonObject { ["roles"] = new JsonArray(new JsonObject { ["id"] = await RoleAsync(server, "unheld-" + Guid.NewGuid().ToString("N")[..6]) }) })))
            Assert.Equal(HttpStatusCode.Unauthorized, notHeld.StatusCode);
        using (var badRoles = await admin.PutAsync("v3/OS-OAUTH1/authorize/" + requestToken["oauth_token"],
            IdentityServer.Json(new JsonObject { ["roles"] = new JsonArray(new JsonObject { ["bogus"] = 1 }) })))
            Assert.Equal(HttpStatusCode.BadRequest, badRoles.StatusCode);
        await WithDbAsync(server, async (db, _) =>
        {
            db.RequestTokens.Single(t => t.Id == requestToken["oauth_token"]).ExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        });
        using (var expired = await admin.PutAsync("v3/OS-OAUTH1/authorize/" + requestToken["oauth_token"],
            IdentityServer.Json(new JsonObject { ["roles"] = new JsonArray(new JsonObject { ["name"] = "member" }) })))
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        using (var missing = await admin.PutAsync("v3/OS-OAUTH1/authorize/nope", IdentityServer.Json(new JsonObject { ["roles"] = new JsonArray() })))
            Assert.Equal("Request token not found", Message(await IdentityServer.ReadAsync(missing)));

        var noAccessToken = await AuthAsync(server, new JsonObject
        {
            ["auth"] = new JsonObject { ["identity"] = new JsonObject { ["methods"] = new JsonArray("oauth1"), ["oauth1"] = new JsonObject() } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, noAccessToken.Status);
    }
}
