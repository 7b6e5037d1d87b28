using System.Net;
using System.Text.Json.Nodes;
using static SharpStack.Identity.Tests.Api.JsonCalls;

namespace SharpStack.Identity.Tests.Api;

public sealed class LimitsApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private static async Task<string> ServiceAsync(HttpClient client) =>
        (await client.PostJsonAsync("v3/services", Obj(("service", Obj(("type", "lim")))))).Body.Id("service");

    private static JsonObject Registered(string serviceId, string resource, int value, string? region = null)
    {
        var o = Obj(("service_id", serviceId), ("resource_name", resource), ("default_limit", value));
        if (region is not null) o["region_id"] = region;
        return o;
    }

    [Fact]
    public async Task Registered_limits_crud_duplicates_and_references()
    {
        using var client = server.AdminClient();
        var serviceId = await ServiceAsync(client);
        var (status, body) = await client.PostJsonAsync("v3/registered_limits", Obj(("registered_limits", new JsonArray(
            Registered(serviceId, "cores", 10), Registered(serviceId, "ram", 5, "RegionOne")))));
        Assert.Equal(HttpStatusCode.Created, status);
        var created = body!["registered_limits"]!.AsArray();
        Assert.Equal(2, created.Count);
        Assert.Null(body["links"]);
        var cores = created[0]!["id"]!.GetValue<string>();
        var ram = created[1]!["id"]!.GetValue<string>();
        Assert.Null(created[0]!["region_id"]);
        Assert.Null(created[0]!["description"]);

        (status, body) = await client.PostJsonAsync("v3/registered_limits", Obj(("registered_limits", new JsonArray(Registered(serviceId, "cores", 1)))));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Conflict occurred attempting to store registered_limit - Duplicate entry.", body.Message());
        // A duplicate inside the batch refuses the whole batch.
        (status, _) = await client.PostJsonAsync("v3/registered_limits", Obj(("registered_limits", new JsonArray(Registered(serviceId, "x", 1), Registered(serviceId, "x", 2)))));
        Assert.Equal(HttpStatusCode.Conflict, status);
        (_, body) = await client.GetJsonAsync($"v3/registered_limits?service_id={serviceId}&resource_name=x");
        Assert.Empty(body!["registered_limits"]!.AsArray());

        (_, body) = await client.GetJsonAsync($"v3/registered_limits?service_id={serviceId}&region_id=RegionOne");
        Assert.Equal(ram, Assert.Single(body!["registered_limits"]!.AsArray())!["id"]!.GetValue<string>());
        (status, body) = await client.PatchJsonAsync("v3/registered_limits/" + ram, Obj(("registered_limit", Obj(("region_id", null), ("default_limit", 0), ("description", "d")))));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["registered_limit"]!["region_id"]);
        Assert.Equal(0, body["registered_limit"]!["default_limit"]!.GetValue<int>());
        (status, body) = await client.PatchJsonAsync("v3/registered_limits/" + ram, Obj(("registered_limit", Obj(("resource_name", "cores")))));
        Assert.Equal(HttpStatusCode.Conflict, status);

        var projectId = await SeededUsers.CreateProjectAsync(server);
        (status, _) = await client.PostJsonAsync("v3/limits", Obj(("limits", new JsonArray(Obj(("project_id", projectId), ("service_id", serviceId), ("resource_name", "cores"), ("resource_limit", 5))))));
        Assert.Equal(HttpStatusCode.Created, status);
        (status, body) = await client.PatchJsonAsync("v3/registered_limits/" + cores, Obj(("registered_limit", Obj(("default_limit", 11)))));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Unable to update or delete registered limit {cores} because there are project limits associated with it.", body.Message());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteJsonAsync("v3/registered_limits/" + cores)).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteJsonAsync("v3/registered_limits/" + ram)).Status);
        (status, body) = await client.GetJsonAsync("v3/registered_limits/" + ram);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Could not find registered limit for {ram}.", body.Message());
    }

    [Fact]
    public async Task Registered_limit_bad_input()
    {
        using var client = server.AdminClient();
        var serviceId = await ServiceAsync(client);
        var (status, body) = await client.PostJsonAsync("v3/registered_limits", Obj(("registered_limits", new JsonArray(Registered("nope", "x", 1)))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Expecting to find service_id in registered_limit.", body.Message());
        (_, body) = await client.PostJsonAsync("v3/registered_limits", Obj(("registered_limits", new JsonArray(Registered(serviceId, "x", 1, "nope")))));
        Assert.StartsWith("Expecting to find region_id in registered_limit.", body.Message());
        (_, body) = await client.PostJsonAsync("v3/registered_limits", Obj(("registered_limits", new JsonArray())));
        Assert.StartsWith("[] is too short", body.Message());
        (_, body) = await client.PostJsonAsync("v3/registered_limits", Obj());
        Assert.StartsWith("{} is not of type 'array'", body.Message());
        (_, body) = await client.PostJsonAsync("v3/registered_limits", Obj(("registered_limits", new JsonArray(Registered(serviceId, "x", -2)))));
        Assert.StartsWith("Invalid input for field '0/default_limit': -2 is less than the minimum of -1", body.Message());
        var extra = Registered(serviceId, "x", 1);
        extra["foo"] = 1;
        (_, body) = await client.PostJsonAsync("v3/registered_limits", Obj(("registered_limits", new JsonArray(extra))));
        Assert.StartsWith("Invalid input for field '0': Additional properties are not allowed ('foo' was unexpected)", body.Message());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PatchJsonAsync("v3/registered_limits/nope", Obj(("registered_limit", Obj(("default_limit", 1)))))).Status);
        (_, body) = await client.PatchJsonAsync("v3/registered_limits/nope", Obj(("registered_limit", Obj(("id", "nope")))));
        Assert.StartsWith("Additional properties are not allowed ('id' was unexpected)", body.Message());
    }

    [Fact]
    public async Task Limits_crud_scoping_and_errors()
    {
        using var client = server.AdminClient();
        var serviceId = await ServiceAsync(client);
        await client.PostJsonAsync("v3/registered_limits", Obj(("registered_limits", new JsonArray(Registered(serviceId, "cores", 10), Registered(serviceId, "ram", 5, "RegionOne")))));
        var member = await SeededUsers.CreateMemberAsync(server);
        var domainId = await SeededUsers.CreateProjectAsync(server, isDomain: true);

        var (status, body) = await client.PostJsonAsync("v3/limits", Obj(("limits", new JsonArray(
            Obj(("project_id", member.ProjectId), ("service_id", serviceId), ("resource_name", "cores"), ("resource_limit", 5), ("description", "pl")),
            Obj(("domain_id", domainId), ("service_id", serviceId), ("resource_name", "ram"), ("region_id", "RegionOne"), ("resource_limit", 3))))));
        Assert.Equal(HttpStatusCode.Created, status);
        var limits = body!["limits"]!.AsArray();
        var projectLimit = limits[0]!["id"]!.GetValue<string>();
        Assert.Equal(serviceId, limits[0]!["service_id"]!.GetValue<string>());
        Assert.Equal("cores", limits[0]!["resource_name"]!.GetValue<string>());
        Assert.Null(limits[0]!["domain_id"]);
        Assert.Equal(domainId, limits[1]!["domain_id"]!.GetValue<string>());
        Assert.Equal("RegionOne", limits[1]!["region_id"]!.GetValue<string>());

        // A project that is a domain makes a domain limit.
        (_, body) = await client.PostJsonAsync("v3/limits", Obj(("limits", new JsonArray(Obj(("project_id", domainId), ("service_id", serviceId), ("resource_name", "cores"), ("resource_limit", 7))))));
        Assert.Equal(domainId, body!["limits"]![0]!["domain_id"]!.GetValue<string>());

        (status, body) = await client.PostJsonAsync("v3/limits", Obj(("limits", new JsonArray(Obj(("project_id", member.ProjectId), ("service_id", serviceId), ("resource_name", "cores"), ("resource_limit", 1))))));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Conflict occurred attempting to store limit - Duplicate entry.", body.Message());
        (status, body) = await client.PostJsonAsync("v3/limits", Obj(("limits", new JsonArray(Obj(("project_id", member.ProjectId), ("service_id", serviceId), ("resource_name", "none"), ("resource_limit", 1))))));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Unable to create a limit that has no corresponding registered limit.", body.Message());
        (status, body) = await client.PostJsonAsync("v3/limits", Obj(("limits", new JsonArray(Obj(("project_id", "nope"), ("service_id", serviceId), ("resource_name", "cores"), ("resource_limit", 1))))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Expecting to find project_id in limit.", body.Message());
        (_, body) = await client.PostJsonAsync("v3/limits", Obj(("limits", new JsonArray(Obj(("project_id", "p"), ("domain_id", "d"), ("service_id", serviceId), ("resource_name", "cores"), ("resource_limit", 1))))));
        Assert.Contains("is not valid under any of the given schemas", body.Message());

        (status, body) = await client.PatchJsonAsync("v3/limits/" + projectLimit, Obj(("limit", Obj(("resource_limit", 0), ("description", null)))));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body!["limit"]!["resource_limit"]!.GetValue<int>());
        (_, body) = await client.PatchJsonAsync("v3/limits/" + projectLimit, Obj(("limit", Obj(("project_id", "x")))));
        Assert.StartsWith("Additional properties are not allowed ('project_id' was unexpected)", body.Message());
        (status, body) = await client.GetJsonAsync("v3/limits/nope");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Could not find limit for nope.", body.Message());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PatchJsonAsync("v3/limits/nope", Obj(("limit", Obj())))).Status);

        // Scoping: the admin's project token sees its project's limits only; the member sees theirs; system sees all.
        (_, body) = await client.GetJsonAsync("v3/limits?service_id=" + serviceId);
        Assert.Empty(body!["limits"]!.AsArray());
        using var memberClient = server.Client(await server.TokenAsync(member.Name, member.Password, project: member.ProjectName));
        (_, body) = await memberClient.GetJsonAsync("v3/limits");
        Assert.Equal(projectLimit, Assert.Single(body!["limits"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetJsonAsync("v3/limits/" + projectLimit)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberClient.DeleteJsonAsync("v3/limits/" + projectLimit)).Status);
        using var system = server.Client(await server.TokenAsync("admin", server.AdminPassword, system: true));
        (_, body) = await system.GetJsonAsync("v3/limits?service_id=" + serviceId);
        Assert.Equal(3, body!["limits"]!.AsArray().Count);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteJsonAsync("v3/limits/" + projectLimit)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteJsonAsync("v3/limits/" + projectLimit)).Status);
    }

    [Fact]
    public async Task Model_is_flat_by_default()
    {
        using var client = server.AdminClient();
        var (status, body) = await client.GetJsonAsync("v3/limits/model");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("flat", body!["model"]!["name"]!.GetValue<string>());
        Assert.Equal("Limit enforcement and validation does not take project hierarchy into consideration.", body["model"]!["description"]!.GetValue<string>());
    }
}

/// <summary>The strict_two_level model on a server configured for it.</summary>
public sealed class StrictTwoLevelLimitsTests : IAsyncLifetime
{
    private readonly IdentityServer _server = new() { Settings = { ["SHARPSTACK_UNIFIED_LIMIT__ENFORCEMENT_MODEL"] = "strict_two_level" } };

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Project_limits_may_not_exceed_their_domain()
    {
        using var client = _server.AdminClient();
        var (_, body) = await client.GetJsonAsync("v3/limits/model");
        Assert.Equal("strict_two_level", body!["model"]!["name"]!.GetValue<string>());
        Assert.Equal("This model requires project hierarchy never exceeds a depth of two", body["model"]!["description"]!.GetValue<string>());

        var serviceId = (await client.PostJsonAsync("v3/services", Obj(("service", Obj(("type", "lim")))))).Body.Id("service");
        await client.PostJsonAsync("v3/registered_limits", Obj(("registered_limits", new JsonArray(Obj(("service_id", serviceId), ("resource_name", "cores"), ("default_limit", 10))))));
        var projectId = await SeededUsers.CreateProjectAsync(_server);

        // Without a domain limit the registered default bounds the project.
        var (status, response) = await client.PostJsonAsync("v3/limits", Obj(("limits", new JsonArray(Obj(("project_id", projectId), ("service_id", serviceId), ("resource_name", "cores"), ("resource_limit", 11))))));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Invalid resource limit: The resource limit (project_id: {projectId}, resource_name: cores, resource_limit: 11, service_id: {serviceId}, region_id: None) doesn't satisfy current hierarchy model..", response.Message());

        // A domain limit in the same request counts.
        (status, _) = await client.PostJsonAsync("v3/limits", Obj(("limits", new JsonArray(
            Obj(("domain_id", "default"), ("service_id", serviceId), ("resource_name", "cores"), ("resource_limit", 20)),
            Obj(("project_id", projectId), ("service_id", serviceId), ("resource_name", "cores"), ("resource_limit", 15))))));
        Assert.Equal(HttpStatusCode.Created, status);
        (_, body) = await client.GetJsonAsync("v3/limits");
        var projectLimit = body!["limits"]!.AsArray().Count == 0 ? null : body["limits"]![0]!["id"]!.GetValue<string>();
        using var system = _server.Client(await _server.TokenAsync("admin", _server.AdminPassword, system: true));
        (_, body) = await system.GetJsonAsync("v3/limits");
        var domainLimit = body!["limits"]!.AsArray().Single(l => l!["domain_id"] is not null)!["id"]!.GetValue<string>();
        // The domain may not drop below its project.
        (status, _) = await client.PatchJsonAsync("v3/limits/" + domainLimit, Obj(("limit", Obj(("resource_limit", 12)))));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Null(projectLimit); // the admin token is scoped to the admin project, which has no limit
    }
}
