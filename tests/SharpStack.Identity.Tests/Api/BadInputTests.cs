using System.Net;
using System.Text;

namespace SharpStack.Identity.Tests.Api;

/// <summary>Hostile and broken requests get Keystone's 4xx with a JSON error body: never a 500, never HTML.</summary>
public sealed class BadInputTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private async Task AssertJsonError(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await IdentityServer.ReadAsync(response);
        Assert.Equal(status, body["error"]!["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body["error"]!["message"]!.GetValue<string>()));
        Assert.StartsWith("req-", response.Headers.GetValues("x-openstack-request-id").Single());
    }

    private static ByteArrayContent Raw(byte[] bytes, string contentType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return content;
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"region\": [1]}")]
    [InlineData("{\"region\": {\"description\": {\"nested\": true}}}")]
    [InlineData("{\"region\": {\"parent_region_id\": 12}}")]
    [InlineData("{\"region\": {\"id\": 5}}")]
    public async Task Malformed_or_mistyped_bodies_are_400(string body)
    {
        using var client = server.AdminClient();
        using var response = await client.PostAsync("v3/regions", Raw(Encoding.UTF8.GetBytes(body)));
        await AssertJsonError(response, 400);
    }

    [Fact]
    public async Task Invalid_utf8_is_400()
    {
        using var client = server.AdminClient();
        var bytes = Encoding.UTF8.GetBytes("{\"region\": {\"description\": \"x\"}}");
        bytes[bytes.Length - 5] = 0xff;
        using var response = await client.PostAsync("v3/regions", Raw(bytes));
        await AssertJsonError(response, 400);
    }

    [Fact]
    public async Task Wrong_content_type_is_400()
    {
        using var client = server.AdminClient();
        using var response = await client.PostAsync("v3/regions", Raw(Encoding.UTF8.GetBytes("{\"region\": {}}"), "text/plain"));
        await AssertJsonError(response, 400);
    }

    [Fact]
    public async Task Two_mebibyte_body_is_413()
    {
        using var client = server.AdminClient();
        var big = Encoding.UTF8.GetBytes("{\"region\": {\"description\": \"" + new string('a', 2 * 1024 * 1024) + "\"}}");
        using var response = await client.PostAsync("v3/regions", Raw(big));
        await AssertJsonError(response, 413);
    }

    [Theory]
    [InlineData("x'; DROP TABLE project; --")]
    [InlineData("1 OR 1=1")]
    [InlineData("\" OR \"\"=\"")]
    public async Task Sql_looking_ids_are_just_unknown_ids(string id)
    {
        using var client = server.AdminClient();
        using var response = await client.GetAsync("v3/regions/" + Uri.EscapeDataString(id));
        await AssertJsonError(response, 404);
        using var check = await client.GetAsync("v3/regions/RegionOne");
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Fact]
    public async Task Sql_looking_names_are_stored_verbatim()
    {
        using var client = server.AdminClient();
        const string id = "r'); DELETE FROM region; --";
        using var created = await client.PutAsync("v3/regions/" + Uri.EscapeDataString(id), Raw(Encoding.UTF8.GetBytes("{\"region\": {}}")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await IdentityServer.ReadAsync(created);
        Assert.Equal(id, body["region"]!["id"]!.GetValue<string>());
        using var check = await client.GetAsync("v3/regions/RegionOne");
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Fact]
    public async Task Duplicate_is_409_and_unknown_route_or_method_is_json()
    {
        using var client = server.AdminClient();
        using var dup = await client.PostAsync("v3/regions", Raw(Encoding.UTF8.GetBytes("{\"region\": {\"id\": \"RegionOne\"}}")));
        await AssertJsonError(dup, 409);
        using var unknown = await client.GetAsync("v3/no-such-collection");
        await AssertJsonError(unknown, 404);
        using var method = await client.PutAsync("v3/regions", Raw(Encoding.UTF8.GetBytes("{}")));
        await AssertJsonError(method, 405);
    }

    [Fact]
    public async Task Bad_or_missing_token_is_401_and_forbidden_is_403()
    {
        using var anonymous = server.Client("garbage-token");
        using var bad = await anonymous.GetAsync("v3/regions");
        await AssertJsonError(bad, 401);
        var unscoped = await server.TokenAsync("admin", server.AdminPassword);
        using var unscopedClient = server.Client(unscoped);
        using var forbidden = await unscopedClient.PostAsync("v3/regions", Raw(Encoding.UTF8.GetBytes("{\"region\": {}}")));
        await AssertJsonError(forbidden, 403);
    }
}
