using System.Net;
using System.Text.Json.Nodes;

namespace SharpStack.Compute.Tests.Api;

/// <summary>The flavor API against the real HTTP stack with real tokens, answers compared with what Nova (Zed) answers.</summary>
public sealed class FlavorsApiTests(ComputeCloud cloud) : IClassFixture<ComputeCloud>
{
    [Fact]
    public async Task Versions_and_microversion_negotiation_answer_as_nova()
    {
        using var anonymous = new HttpClient { BaseAddress = cloud.ComputeUri };
        var root = JsonNode.Parse(await anonymous.GetStringAsync(""))!;
        Assert.Equal("v2.1", root["versions"]![1]!["id"]!.GetValue<string>());
        Assert.Equal("2.93", root["versions"]![1]!["version"]!.GetValue<string>());
        Assert.Equal("2.1", root["versions"]![1]!["min_version"]!.GetValue<string>());

        using var admin = cloud.AdminClient();
        var latest = await SendAsync(admin, HttpMethod.Get, "flavors", version: "latest");
        Assert.Equal("compute 2.93", latest.Headers.GetValues("OpenStack-API-Version").Single());
        Assert.Equal("2.93", latest.Headers.GetValues("X-OpenStack-Nova-API-Version").Single());

        var tooNew = await SendAsync(admin, HttpMethod.Get, "flavors", version: "2.94");
        Assert.Equal(HttpStatusCode.NotAcceptable, tooNew.StatusCode);
        Assert.Equal("Version 2.94 is not supported by the API. Minimum is 2.1 and maximum is 2.93.", await FaultAsync(tooNew, "computeFault"));

        var malformed = await SendAsync(admin, HttpMethod.Get, "flavors", version: "2.01");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("API Version String 2.01 is of invalid format. Must be of format MajorNum.MinorNum.", await FaultAsync(malformed, "badRequest"));
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_keystonemiddleware_401_and_unknown_paths_are_webob_404()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(cloud.ComputeUri, "v2.1/") };
        var unauthenticated = await anonymous.GetAsync("flavors");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        var body = JsonNode.Parse(await unauthenticated.Content.ReadAsStringAsync())!;
        Assert.Equal(401, body["error"]!["code"]!.GetValue<int>());
        Assert.Equal("The request you have made requires authentication.", body["error"]!["message"]!.GetValue<string>());

        using var admin = cloud.AdminClient();
        var unknown = await admin.GetAsync("no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("404 Not Found", JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
        var wrongMethod = await SendAsync(admin, new HttpMethod("PATCH"), "flavors");
        Assert.Equal(HttpStatusCode.NotFound, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task The_default_flavors_exist_and_the_list_pages_with_next_links()
    {
        using var admin = cloud.AdminClient();
        var all = JsonNode.Parse(await admin.GetStringAsync("flavors"))!["flavors"]!.AsArray();
        foreach (var name in new[] { "m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge" })
            Assert.Contains(all, f => f!["name"]!.GetValue<string>() == name);
        var tiny = JsonNode.Parse(await admin.GetStringAsync("flavors/1"))!["flavor"]!;
        Assert.Equal(512, tiny["ram"]!.GetValue<int>());
        Assert.Equal("", tiny["swap"]!.GetValue<string>());
        Assert.Equal("1.0", tiny["rxtx_factor"]!.ToJsonString());
        Assert.EndsWith("/v2.1/flavors/1", tiny["links"]![0]!["href"]!.GetValue<string>());
        Assert.DoesNotContain("/v2.1/", tiny["links"]![1]!["href"]!.GetValue<string>());

        var page = JsonNode.Parse(await admin.GetStringAsync("flavors?limit=2"))!;
        Assert.Equal(["1", "2"], page["flavors"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()));
        var next = page["flavors_links"]![0]!["href"]!.GetValue<string>();
        Assert.EndsWith("/v2.1/flavors?limit=2&marker=2", next);
        var second = JsonNode.Parse(await admin.GetStringAsync("flavors?limit=2&marker=2"))!;
        Assert.Equal(["3", "4"], second["flavors"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()));

        var badMarker = await admin.GetAsync("flavors?marker=nope");
        Assert.Equal("marker [nope] not found", await FaultAsync(badMarker, "badRequest"));
        var badLimit = await admin.GetAsync("flavors?limit=-1");
        Assert.Equal("Invalid input for query parameters limit. Value: -1. '-1' does not match '^[0-9]*$'", await FaultAsync(badLimit, "badRequest"));
        var badSort = await SendAsync(admin, HttpMethod.Get, "flavors?sort_key=bogus");
        Assert.Equal(HttpStatusCode.BadRequest, badSort.StatusCode);
        var unknownParam = await SendAsync(admin, HttpMethod.Get, "flavors?bogus=1", version: "2.75");
        Assert.Equal("Additional properties are not allowed ('bogus' was unexpected)", await FaultAsync(unknownParam, "badRequest"));
    }

    [Fact]
    public async Task Create_validates_as_nova_and_refuses_duplicates()
    {
        using var admin = cloud.AdminClient();
        Assert.Equal("Invalid input for field/attribute ram. Value: 0. 0 is less than the minimum of 1",
            await FaultAsync(await PostAsync(admin, "flavors", """{"flavor": {"name": "x", "ram": "0", "vcpus": 1, "disk": 1}}"""), "badRequest"));
        Assert.Equal("An invalid 'name' value was provided. The name must be: printable characters. Can not start or end with whitespace.",
            await FaultAsync(await PostAsync(admin, "flavors", """{"flavor": {"name": " x", "ram": 1, "vcpus": 1, "disk": 1}}"""), "badRequest"));
        Assert.Equal("'flavor' is a required property", await FaultAsync(await PostAsync(admin, "flavors", "{}"), "badRequest"));
        Assert.Equal("Malformed request body", await FaultAsync(await PostAsync(admin, "flavors", """{"flavor": """), "badRequest"));
        Assert.Equal("Invalid input for field/attribute flavor. Value: {'name': 'x', 'ram': 1, 'vcpus': 1, 'disk': 1, 'description': 'd'}. Additional properties are not allowed ('description' was unexpected)",
            await FaultAsync(await PostAsync(admin, "flavors", """{"flavor": {"name": "x", "ram": 1, "vcpus": 1, "disk": 1, "description": "d"}}"""), "badRequest"));

        var name = "f-" + Guid.NewGuid().ToString("N")[..8];
        var created = await PostAsync(admin, "flavors", $$$"""{"flavor": {"name": "{{{name}}}", "ram": 256, "vcpus": "2", "disk": 0, "id": "{{{name}}}-id", "swap": 16, "rxtx_factor": "1.5", "os-flavor-access:is_public": "false"}}""");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var flavor = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["flavor"]!;
        Assert.Equal(name + "-id", flavor["id"]!.GetValue<string>());
        Assert.Equal(2, flavor["vcpus"]!.GetValue<int>());
        Assert.Equal(16, flavor["swap"]!.GetValue<int>());
        Assert.Equal("1.5", flavor["rxtx_factor"]!.ToJsonString());
        Assert.False(flavor["os-flavor-access:is_public"]!.GetValue<bool>());
        Assert.Null(flavor["description"]);

        Assert.Equal($"Flavor with name {name} already exists.",
            await FaultAsync(await PostAsync(admin, "flavors", $$$"""{"flavor": {"name": "{{{name}}}", "ram": 1, "vcpus": 1, "disk": 1}}"""), "conflictingRequest"));
        Assert.Equal($"Flavor with ID {name}-id already exists.",
            await FaultAsync(await PostAsync(admin, "flavors", $$$"""{"flavor": {"name": "{{{name}}}2", "ram": 1, "vcpus": 1, "disk": 1, "id": "{{{name}}}-id"}}"""), "conflictingRequest"));

        var generated = JsonNode.Parse(await (await PostAsync(admin, "flavors", $$$"""{"flavor": {"name": "{{{name}}}3", "ram": 1, "vcpus": 1, "disk": 1}}""", "2.75")).Content.ReadAsStringAsync())!["flavor"]!;
        Assert.True(Guid.TryParse(generated["id"]!.GetValue<string>(), out _));
        Assert.Equal(0, generated["swap"]!.GetValue<int>());
        Assert.True(generated["extra_specs"]!.AsObject().Count == 0);

        var deleted = await admin.DeleteAsync("flavors/" + generated["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        var gone = await admin.GetAsync("flavors/" + generated["id"]!.GetValue<string>());
        Assert.Equal($"Flavor {generated["id"]!.GetValue<string>()} could not be found.", await FaultAsync(gone, "itemNotFound"));
    }

    [Fact]
    public async Task Private_flavors_are_seen_by_the_projects_given_access_and_members_cannot_manage_flavors()
    {
        using var admin = cloud.AdminClient();
        var (projectId, token) = await cloud.ProjectUserAsync();
        using var member = cloud.Client(token);
        var forbidden = await PostAsync(member, "flavors", """{"flavor": {"name": "mine", "ram": 1, "vcpus": 1, "disk": 1}}""");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed.", await FaultAsync(forbidden, "forbidden"));

        var name = "p-" + Guid.NewGuid().ToString("N")[..8];
        await PostAsync(admin, "flavors", $$$"""{"flavor": {"name": "{{{name}}}", "ram": 64, "vcpus": 1, "disk": 1, "id": "{{{name}}}", "os-flavor-access:is_public": false}}""");
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("flavors/" + name)).StatusCode);
        Assert.DoesNotContain(name, await member.GetStringAsync("flavors"));
        Assert.DoesNotContain(name, await admin.GetStringAsync("flavors"));
        Assert.Contains(name, await admin.GetStringAsync("flavors?is_public=none"));
        Assert.Contains(name, await admin.GetStringAsync("flavors?is_public=false"));

        var noProject = await PostAsync(admin, $"flavors/{name}/action", """{"addTenantAccess": {"tenant": "no-such-project"}}""");
        Assert.Equal("Project ID no-such-project is not a valid project.", await FaultAsync(noProject, "badRequest"));
        var added = JsonNode.Parse(await (await PostAsync(admin, $"flavors/{name}/action", $$$"""{"addTenantAccess": {"tenant": "{{{projectId}}}"}}""")).Content.ReadAsStringAsync())!;
        Assert.Equal(projectId, added["flavor_access"]![0]!["tenant_id"]!.GetValue<string>());
        Assert.Equal($"Flavor access already exists for flavor {name} and project {projectId} combination.",
            await FaultAsync(await PostAsync(admin, $"flavors/{name}/action", $$$"""{"addTenantAccess": {"tenant": "{{{projectId}}}"}}"""), "conflictingRequest"));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("flavors/" + name)).StatusCode);
        Assert.Contains(name, await member.GetStringAsync("flavors"));
        Assert.Equal(projectId, JsonNode.Parse(await admin.GetStringAsync($"flavors/{name}/os-flavor-access"))!["flavor_access"]![0]!["tenant_id"]!.GetValue<string>());
        Assert.Equal("Access list not available for public flavors.", await FaultAsync(await admin.GetAsync("flavors/1/os-flavor-access"), "itemNotFound"));
        Assert.Equal("Can not add access to a public flavor.",
            await FaultAsync(await PostAsync(admin, "flavors/1/action", $$$"""{"addTenantAccess": {"tenant": "{{{projectId}}}"}}""", "2.7"), "conflictingRequest"));

        await PostAsync(admin, $"flavors/{name}/action", $$$"""{"removeTenantAccess": {"tenant": "{{{projectId}}}"}}""");
        Assert.Equal($"Flavor access not found for {name} / {projectId} combination.",
            await FaultAsync(await PostAsync(admin, $"flavors/{name}/action", $$$"""{"removeTenantAccess": {"tenant": "{{{projectId}}}"}}"""), "itemNotFound"));
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync("flavors/" + name)).StatusCode);
        Assert.Equal("There is no such action: bogus", await FaultAsync(await PostAsync(admin, $"flavors/{name}/action", """{"bogus": {}}"""), "badRequest"));
    }

    [Fact]
    public async Task Extra_specs_are_set_read_and_removed_and_shown_in_flavors_from_2_61()
    {
        using var admin = cloud.AdminClient();
        var name = "e-" + Guid.NewGuid().ToString("N")[..8];
        await PostAsync(admin, "flavors", $$$"""{"flavor": {"name": "{{{name}}}", "ram": 64, "vcpus": 1, "disk": 1, "id": "{{{name}}}"}}""");
        var set = await PostAsync(admin, $"flavors/{name}/os-extra_specs", """{"extra_specs": {"hw:cpu_policy": "dedicated", "quota:cpu_period": 1000}}""");
        Assert.Equal("""{"extra_specs":{"hw:cpu_policy":"dedicated","quota:cpu_period":1000}}""", await set.Content.ReadAsStringAsync());
        Assert.Equal("1000", JsonNode.Parse(await admin.GetStringAsync($"flavors/{name}/os-extra_specs/quota:cpu_period"))!["quota:cpu_period"]!.GetValue<string>());

        var mismatch = await SendAsync(admin, HttpMethod.Put, $"flavors/{name}/os-extra_specs/hw:cpu_policy", """{"other": "x"}""");
        Assert.Equal("Request body and URI mismatch", await FaultAsync(mismatch, "badRequest"));
        var updated = await SendAsync(admin, HttpMethod.Put, $"flavors/{name}/os-extra_specs/hw:cpu_policy", """{"hw:cpu_policy": "shared"}""");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var shown = JsonNode.Parse(await (await SendAsync(admin, HttpMethod.Get, $"flavors/{name}", version: "2.61")).Content.ReadAsStringAsync())!["flavor"]!;
        Assert.Equal("shared", shown["extra_specs"]!["hw:cpu_policy"]!.GetValue<string>());
        var old = JsonNode.Parse(await admin.GetStringAsync($"flavors/{name}"))!["flavor"]!;
        Assert.Null(old["extra_specs"]);

        Assert.Equal(HttpStatusCode.Accepted, (await admin.DeleteAsync($"flavors/{name}/os-extra_specs/hw:cpu_policy")).StatusCode);
        Assert.Equal($"Flavor {name} has no extra specs with key hw:cpu_policy.",
            await FaultAsync(await admin.DeleteAsync($"flavors/{name}/os-extra_specs/hw:cpu_policy"), "itemNotFound"));
    }

    [Fact]
    public async Task The_description_is_set_at_2_55_and_updated_with_put()
    {
        using var admin = cloud.AdminClient();
        var name = "d-" + Guid.NewGuid().ToString("N")[..8];
        var created = JsonNode.Parse(await (await PostAsync(admin, "flavors", $$$"""{"flavor": {"name": "{{{name}}}", "ram": 64, "vcpus": 1, "disk": 1, "id": "{{{name}}}", "description": "first"}}""", "2.55")).Content.ReadAsStringAsync())!["flavor"]!;
        Assert.Equal("first", created["description"]!.GetValue<string>());
        var tooOld = await SendAsync(admin, HttpMethod.Put, $"flavors/{name}", """{"flavor": {"description": "x"}}""", "2.54");
        Assert.Equal(HttpStatusCode.NotFound, tooOld.StatusCode);
        var updated = await SendAsync(admin, HttpMethod.Put, $"flavors/{name}", """{"flavor": {"description": "second"}}""", "2.55");
        Assert.Equal("second", JsonNode.Parse(await updated.Content.ReadAsStringAsync())!["flavor"]!["description"]!.GetValue<string>());
        var listed = JsonNode.Parse(await (await SendAsync(admin, HttpMethod.Get, "flavors", version: "2.55")).Content.ReadAsStringAsync())!["flavors"]!.AsArray();
        Assert.Equal("second", listed.Single(f => f!["id"]!.GetValue<string>() == name)!["description"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body, string? version = null) =>
        SendAsync(client, HttpMethod.Post, path, body, version);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? body = null, string? version = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        if (version is not null) request.Headers.Add("OpenStack-API-Version", "compute " + version);
        return await client.SendAsync(request);
    }

    private static async Task<string> FaultAsync(HttpResponseMessage response, string key)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body");
        var fault = body[key] ?? throw new InvalidOperationException($"expected a {key} fault, got {(int)response.StatusCode} {text}");
        return fault["message"]!.GetValue<string>();
    }
}
