using System.Net;
using System.Text.Json.Nodes;

namespace SharpStack.Identity.Tests.Api;

public sealed class VersionDiscoveryTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    [Fact]
    public async Task Root_lists_v3_with_300_multiple_choices()
    {
        using var client = server.Client();
        using var response = await client.GetAsync("");
        Assert.Equal(HttpStatusCode.MultipleChoices, response.StatusCode);
        var body = await IdentityServer.ReadAsync(response);
        Assert.Equal("v3.14", body["versions"]!["values"]![0]!["id"]!.GetValue<string>());
        Assert.StartsWith("req-", response.Headers.GetValues("x-openstack-request-id").Single());
    }

    [Fact]
    public async Task V3_document_and_json_home()
    {
        using var client = server.Client();
        var body = JsonNode.Parse(await client.GetStringAsync("v3"))!;
        Assert.Equal("stable", body["version"]!["status"]!.GetValue<string>());
        using var request = new HttpRequestMessage(HttpMethod.Get, "v3");
        request.Headers.Accept.ParseAdd("application/json-home");
        using var home = await client.SendAsync(request);
        Assert.Equal("application/json-home", home.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Unknown_route_is_a_json_404()
    {
        using var client = server.Client();
        using var response = await client.GetAsync("v3/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await IdentityServer.ReadAsync(response);
        Assert.Equal(404, body["error"]!["code"]!.GetValue<int>());
    }
}
