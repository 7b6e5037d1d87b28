using System.Net;
using System.Text.Json.Nodes;

namespace SharpStack.Identity.Tests.Api;

public sealed class TokenApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    [Fact]
    public async Task Project_token_validates_with_roles_and_catalog()
    {
        using var client = server.AdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v3/auth/tokens");
        request.Headers.Add("X-Subject-Token", server.AdminToken);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await IdentityServer.ReadAsync(response))["token"]!;
        Assert.Equal("admin", token["project"]!["name"]!.GetValue<string>());
        var roles = token["roles"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("admin", roles);
        Assert.Contains("member", roles);
        Assert.Contains("reader", roles);
        Assert.Contains(token["catalog"]!.AsArray(), s => s!["type"]!.GetValue<string>() == "identity");
    }

    [Fact]
    public async Task Nocatalog_omits_the_catalog_and_head_checks()
    {
        using var client = server.AdminClient();
        using var get = new HttpRequestMessage(HttpMethod.Get, "v3/auth/tokens?nocatalog");
        get.Headers.Add("X-Subject-Token", server.AdminToken);
        using var response = await client.SendAsync(get);
        Assert.Null((await IdentityServer.ReadAsync(response))["token"]!["catalog"]);
        using var head = new HttpRequestMessage(HttpMethod.Head, "v3/auth/tokens");
        head.Headers.Add("X-Subject-Token", server.AdminToken);
        using var headResponse = await client.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, headResponse.StatusCode);
    }

    [Fact]
    public async Task Rescoped_token_keeps_expiry_and_audit_chain()
    {
        var unscoped = await server.TokenAsync("admin", server.AdminPassword);
        using var client = server.Client();
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject { ["methods"] = new JsonArray("token"), ["token"] = new JsonObject { ["id"] = unscoped } },
                ["scope"] = new JsonObject { ["system"] = new JsonObject { ["all"] = true } },
            },
        };
        using var response = await client.PostAsync("v3/auth/tokens", IdentityServer.Json(body));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = (await IdentityServer.ReadAsync(response))["token"]!;
        Assert.Equal(2, token["audit_ids"]!.AsArray().Count);
        Assert.True(token["system"]!["all"]!.GetValue<bool>());
        Assert.Contains("token", token["methods"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task Revoked_token_no_longer_validates()
    {
        var victim = await server.TokenAsync("admin", server.AdminPassword, project: "admin");
        using var client = server.AdminClient();
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, "v3/auth/tokens"))
        {
            delete.Headers.Add("X-Subject-Token", victim);
            using var deleted = await client.SendAsync(delete);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
        using var get = new HttpRequestMessage(HttpMethod.Get, "v3/auth/tokens");
        get.Headers.Add("X-Subject-Token", victim);
        using var response = await client.SendAsync(get);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"id":"default"},"password":"wrong"}}}}}""", 401)]
    [InlineData("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"nobody","domain":{"id":"default"},"password":"x"}}}}}""", 401)]
    [InlineData("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","password":"x"}}}}}""", 400)]
    [InlineData("""{"auth":{"identity":{"methods":["token"]}}}""", 400)]
    [InlineData("""{"auth":{}}""", 400)]
    [InlineData("""{"auth":{"identity":{"methods":["foo"],"foo":{}}}}""", 401)]
    [InlineData("""{"auth":{"identity":{"methods":["token"],"token":{"id":"garbage"}}}}""", 404)]
    [InlineData("""{"auth":{"identity":{"methods":["password"],"password":{"user":{"id":5,"password":"x"}}}}}""", 400)]
    [InlineData("""{bad json""", 400)]
    public async Task Bad_authentication_requests_get_keystone_statuses(string body, int status)
    {
        using var client = server.Client();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("v3/auth/tokens", content);
        Assert.Equal(status, (int)response.StatusCode);
        var error = await IdentityServer.ReadAsync(response);
        Assert.Equal(status, error["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Missing_token_is_401_with_www_authenticate()
    {
        using var client = server.Client();
        using var response = await client.GetAsync("v3/regions");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Keystone uri=", response.Headers.WwwAuthenticate.ToString());
    }
}
