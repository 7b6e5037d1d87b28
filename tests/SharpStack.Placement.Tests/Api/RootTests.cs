using System.Net;

namespace SharpStack.Placement.Tests.Api;

/// <summary>The version document, negotiation and the router's 404/405 answers.</summary>
public sealed class RootTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    [Fact]
    public async Task Root_lists_the_supported_range_without_a_token()
    {
        using var client = new HttpClient { BaseAddress = cloud.Uri };
        var (status, body) = await client.CallAsync(HttpMethod.Get, "/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1.39", body!["versions"]![0]!["max_version"]!.GetValue<string>());
        Assert.Equal("v1.0", body["versions"]![0]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1.99", HttpStatusCode.NotAcceptable)]
    [InlineData("1.a", HttpStatusCode.BadRequest)]
    [InlineData("LATEST", HttpStatusCode.BadRequest)]
    public async Task Bad_microversions_are_refused(string version, HttpStatusCode expected)
    {
        using var client = cloud.Client(version: version);
        var (status, body) = await client.CallAsync(HttpMethod.Get, "/");
        Assert.Equal(expected, status);
        Assert.Equal((int)expected, body!["errors"]![0]!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_wrong_methods_405_with_allow()
    {
        using var client = cloud.Client();
        var (status, body) = await client.CallAsync(HttpMethod.Get, "/barnabas");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("placement.undefined_code", body!["errors"]![0]!["code"]!.GetValue<string>());
        using var response = await client.DeleteAsync("/resource_providers");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, POST", string.Join(", ", response.Content.Headers.Allow));
        Assert.Equal(HttpStatusCode.NotFound, (await client.CallAsync(HttpMethod.Get, "/resource_providers/")).Status);
    }

    [Fact]
    public async Task A_request_without_a_token_is_401()
    {
        using var client = new HttpClient { BaseAddress = cloud.Uri };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.CallAsync(HttpMethod.Get, "/resource_providers")).Status);
    }
}
