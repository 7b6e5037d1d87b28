using System.Net;
using System.Text.Json.Nodes;
using static SharpStack.Identity.Tests.Api.JsonCalls;

namespace SharpStack.Identity.Tests.Api;

public sealed class EndpointsApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private async Task<string> ServiceAsync(HttpClient client, string type = "t") =>
        (await client.PostJsonAsync("v3/services", Obj(("service", Obj(("type", type)))))).Body.Id("service");

    [Fact]
    public async Task Create_get_update_list_delete()
    {
        using var client = server.AdminClient();
        var serviceId = await ServiceAsync(client);
        var (status, body) = await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(
            ("interface", "public"), ("service_id", serviceId), ("url", "http://a/$(project_id)s"), ("region_id", "RegionOne"), ("extra-1", "e")))));
        Assert.Equal(HttpStatusCode.Created, status);
        var endpoint = body!["endpoint"]!;
        var id = endpoint["id"]!.GetValue<string>();
        Assert.Equal("RegionOne", endpoint["region"]!.GetValue<string>());
        Assert.Equal("RegionOne", endpoint["region_id"]!.GetValue<string>());
        Assert.True(endpoint["enabled"]!.GetValue<bool>());
        Assert.Equal("e", endpoint["extra_1"]!.GetValue<string>());

        (status, body) = await client.PatchJsonAsync("v3/endpoints/" + id, Obj(("endpoint", Obj(("interface", "internal"), ("enabled", false), ("url", "http://b/$(bad)s")))));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("internal", body!["endpoint"]!["interface"]!.GetValue<string>());
        // Keystone checks the URL's substitutions only on create.
        Assert.Equal("http://b/$(bad)s", body["endpoint"]!["url"]!.GetValue<string>());

        (_, body) = await client.GetJsonAsync($"v3/endpoints?service_id={serviceId}&interface=internal");
        Assert.Equal(id, Assert.Single(body!["endpoints"]!.AsArray())!["id"]!.GetValue<string>());
        (_, body) = await client.GetJsonAsync($"v3/endpoints?service_id={serviceId}&region_id=nowhere");
        Assert.Empty(body!["endpoints"]!.AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteJsonAsync("v3/endpoints/" + id)).Status);
        (status, body) = await client.GetJsonAsync("v3/endpoints/" + id);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Could not find endpoint: {id}.", body.Message());
    }

    [Fact]
    public async Task Legacy_region_names_and_creates_the_region()
    {
        using var client = server.AdminClient();
        var serviceId = await ServiceAsync(client);
        var region = "legacy-" + Guid.NewGuid().ToString("N")[..6];
        var (status, body) = await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "admin"), ("service_id", serviceId), ("url", "http://b"), ("region", region)))));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(region, body!["endpoint"]!["region_id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync("v3/regions/" + region)).Status);

        // region_id wins over region, which is then not stored.
        (_, body) = await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "admin"), ("service_id", serviceId), ("url", "http://b"), ("region", "zz-unused"), ("region_id", "RegionOne")))));
        Assert.Equal("RegionOne", body!["endpoint"]!["region"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync("v3/regions/zz-unused")).Status);
    }

    [Theory]
    [InlineData("http://a/$(bad)s")]
    [InlineData("http://a/%20")]
    [InlineData("http://a/%s%s")]
    public async Task Invalid_url_substitutions_are_refused(string url)
    {
        using var client = server.AdminClient();
        var serviceId = await ServiceAsync(client);
        var (status, body) = await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "public"), ("service_id", serviceId), ("url", url)))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"Cannot create an endpoint with an invalid URL: {url}.", body.Message());
    }

    [Fact]
    public async Task Bad_input_answers_keystone_texts()
    {
        using var client = server.AdminClient();
        var serviceId = await ServiceAsync(client);
        var (status, body) = await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "pub"), ("service_id", serviceId), ("url", "http://a")))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Invalid input for field 'interface': 'pub' is not one of ['admin', 'internal', 'public']", body.Message());

        (_, body) = await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "public"), ("service_id", serviceId), ("url", "not a url")))));
        Assert.StartsWith("Invalid input for field 'url': 'not a url' does not match '^[a-zA-Z0-9+.-]+:.+'", body.Message());

        (_, body) = await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "public"), ("service_id", serviceId), ("url", "http://a"), ("enabled", "True")))));
        Assert.StartsWith("Invalid input for field 'enabled': 'True' is not of type 'boolean'", body.Message());

        (status, body) = await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "public"), ("service_id", "nope"), ("url", "http://a")))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Expecting to find endpoint service_id in service table. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.", body.Message());

        (_, body) = await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "public"), ("service_id", serviceId), ("url", "http://a"), ("region_id", "nope")))));
        Assert.StartsWith("Expecting to find endpoint region_id in region table.", body.Message());

        (_, body) = await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "public"), ("service_id", serviceId), ("url", "http://a"), ("region_id", null)))));
        Assert.StartsWith("Invalid input for field 'region_id': None is not of type 'string'", body.Message());

        var id = (await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "public"), ("service_id", serviceId), ("url", "http://a")))))).Body.Id("endpoint");
        (status, body) = await client.PatchJsonAsync("v3/endpoints/" + id, Obj(("endpoint", Obj(("enabled", "False")))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (_, body) = await client.PatchJsonAsync("v3/endpoints/" + id, Obj(("endpoint", Obj(("id", "x")))));
        Assert.Equal("Cannot change ID", body.Message());
        (_, body) = await client.PatchJsonAsync("v3/endpoints/" + id, Obj(("endpoint", Obj(("service_id", "nope")))));
        Assert.StartsWith("Expecting to find endpoint service_id in service table.", body.Message());

        // The endpoint is looked up before anything else, as Keystone loads it for the policy target.
        (status, body) = await client.PatchJsonAsync("v3/endpoints/nope", Obj(("endpoint", Obj())));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Could not find endpoint: nope.", body.Message());
    }

    [Fact]
    public async Task Token_catalog_formats_urls_and_shows_extras()
    {
        using var client = server.AdminClient();
        var serviceId = (await client.PostJsonAsync("v3/services", Obj(("service", Obj(("type", "cat-test"), ("name", "cat")))))).Body.Id("service");
        await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "public"), ("service_id", serviceId), ("url", "http://c/v1/$(project_id)s"), ("region_id", "RegionOne"), ("note", "n")))));
        await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "admin"), ("service_id", serviceId), ("url", "http://c/$(compute_host)s"), ("region_id", "RegionOne")))));
        var (_, body) = await client.GetJsonAsync("v3/auth/catalog");
        var entry = body!["catalog"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == serviceId)!;
        Assert.Equal("cat", entry["name"]!.GetValue<string>());
        var endpoint = Assert.Single(entry["endpoints"]!.AsArray())!; // the malformed one is left out
        Assert.Equal("http://c/v1/" + await SeededUsers.AdminProjectIdAsync(server), endpoint["url"]!.GetValue<string>());
        Assert.Equal("n", endpoint["note"]!.GetValue<string>());
        Assert.Equal("RegionOne", endpoint["region"]!.GetValue<string>());
        Assert.Null(endpoint["service_id"]);
    }

    [Fact]
    public async Task Unknown_endpoint_is_404_even_for_members()
    {
        var member = await SeededUsers.CreateMemberAsync(server);
        using var client = server.Client(await server.TokenAsync(member.Name, member.Password, project: member.ProjectName));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync("v3/endpoints/nope")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetJsonAsync("v3/endpoints")).Status);
        using var anonymous = server.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetJsonAsync("v3/endpoints/nope")).Status);
    }
}
