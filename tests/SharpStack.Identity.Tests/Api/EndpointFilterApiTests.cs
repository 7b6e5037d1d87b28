using System.Net;
using System.Text.Json.Nodes;
using static SharpStack.Identity.Tests.Api.JsonCalls;

namespace SharpStack.Identity.Tests.Api;

public sealed class EndpointFilterApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private const string Groups = "v3/OS-EP-FILTER/endpoint_groups";

    private static async Task<(string Service, string Endpoint)> ServiceWithEndpointAsync(HttpClient client, string iface = "public")
    {
        var serviceId = (await client.PostJsonAsync("v3/services", Obj(("service", Obj(("type", "ep-" + iface)))))).Body.Id("service");
        var endpointId = (await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", iface), ("service_id", serviceId), ("url", "http://e/" + iface), ("region_id", "RegionOne")))))).Body.Id("endpoint");
        return (serviceId, endpointId);
    }

    [Fact]
    public async Task Endpoint_group_crud_and_bad_input()
    {
        using var client = server.AdminClient();
        var (serviceId, endpointId) = await ServiceWithEndpointAsync(client);
        var (status, body) = await client.PostJsonAsync(Groups, Obj(("endpoint_group", Obj(("name", "g"), ("description", "d"), ("filters", Obj(("service_id", serviceId)))))));
        Assert.Equal(HttpStatusCode.Created, status);
        var id = body.Id("endpoint_group");
        Assert.Equal(serviceId, body!["endpoint_group"]!["filters"]!["service_id"]!.GetValue<string>());
        Assert.EndsWith("/v3/OS-EP-FILTER/endpoint_groups/" + id, body["endpoint_group"]!["links"]!["self"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await client.CallAsync(HttpMethod.Head, $"{Groups}/{id}")).Status);
        (_, body) = await client.GetJsonAsync($"{Groups}/{id}/endpoints");
        Assert.Equal(endpointId, Assert.Single(body!["endpoints"]!.AsArray())!["id"]!.GetValue<string>());
        (_, body) = await client.GetJsonAsync(Groups + "?name=g");
        Assert.Contains(body!["endpoint_groups"]!.AsArray(), g => g!["id"]!.GetValue<string>() == id);

        (status, body) = await client.PatchJsonAsync($"{Groups}/{id}", Obj(("endpoint_group", Obj(("name", "g2"), ("filters", Obj(("interface", "admin")))))));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("g2", body!["endpoint_group"]!["name"]!.GetValue<string>());
        Assert.Equal("admin", body["endpoint_group"]!["filters"]!["interface"]!.GetValue<string>());
        (_, body) = await client.PatchJsonAsync($"{Groups}/{id}", Obj(("endpoint_group", Obj(("filters", Obj())))));
        Assert.Empty(body!["endpoint_group"]!["filters"]!.AsObject()); // allowed on update, unlike create

        (status, body) = await client.PostJsonAsync(Groups, Obj(("endpoint_group", Obj(("name", "g"), ("filters", Obj())))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("filters field is required and cannot be empty", body.Message());
        (_, body) = await client.PostJsonAsync(Groups, Obj(("endpoint_group", Obj(("name", "g"), ("filters", Obj(("foo", "x")))))));
        Assert.StartsWith("Expecting to find service_id or region_id or interface in endpoint_group.", body.Message());
        (_, body) = await client.PostJsonAsync(Groups, Obj(("endpoint_group", Obj(("name", "g"), ("filters", Obj(("interface", "public"))), ("extra", "e")))));
        Assert.Equal("'extra' is an invalid keyword argument for EndpointGroup", body.Message());
        (_, body) = await client.PostJsonAsync(Groups, Obj());
        Assert.StartsWith("'name' is a required property", body.Message());
        (_, body) = await client.PatchJsonAsync($"{Groups}/{id}", Obj(("endpoint_group", Obj(("id", "x")))));
        Assert.Equal("Cannot change ID", body.Message());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteJsonAsync($"{Groups}/{id}")).Status);
        (status, body) = await client.GetJsonAsync($"{Groups}/{id}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Could not find Endpoint Group: {id}.", body.Message());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync($"{Groups}/nope/endpoints")).Status);
        // Keystone does not check the group when listing its projects.
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync($"{Groups}/nope/projects")).Status);
    }

    [Fact]
    public async Task Group_project_associations_filter_the_catalog()
    {
        using var admin = server.AdminClient();
        var member = await SeededUsers.CreateMemberAsync(server);
        var (serviceA, endpointA) = await ServiceWithEndpointAsync(admin, "public");
        var (serviceB, _) = await ServiceWithEndpointAsync(admin, "internal");
        var groupId = (await admin.PostJsonAsync(Groups, Obj(("endpoint_group", Obj(("name", "only-a"), ("filters", Obj(("service_id", serviceA)))))))).Body.Id("endpoint_group");

        var path = $"{Groups}/{groupId}/projects/{member.ProjectId}";
        var (status, body) = await admin.GetJsonAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Endpoint Group Project Association not found", body.Message());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutJsonAsync(path)).Status);
        (status, body) = await admin.PutJsonAsync(path);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Conflict occurred attempting to store project_endpoint_group - Duplicate entry.", body.Message());
        (status, body) = await admin.GetJsonAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/OS-EP-FILTER/endpoint_groups/{groupId}/projects/{member.ProjectId}", body!["project_endpoint_group"]!["links"]!["self"]!.GetValue<string>());

        (_, body) = await admin.GetJsonAsync($"{Groups}/{groupId}/projects");
        Assert.Equal(member.ProjectId, Assert.Single(body!["projects"]!.AsArray())!["id"]!.GetValue<string>());
        (_, body) = await admin.GetJsonAsync($"v3/OS-EP-FILTER/projects/{member.ProjectId}/endpoint_groups");
        Assert.Equal(groupId, Assert.Single(body!["endpoint_groups"]!.AsArray())!["id"]!.GetValue<string>());
        (_, body) = await admin.GetJsonAsync($"v3/OS-EP-FILTER/projects/{member.ProjectId}/endpoints");
        Assert.Equal(endpointA, Assert.Single(body!["endpoints"]!.AsArray())!["id"]!.GetValue<string>());

        using var memberClient = server.Client(await server.TokenAsync(member.Name, member.Password, project: member.ProjectName));
        (_, body) = await memberClient.GetJsonAsync("v3/auth/catalog");
        var services = body!["catalog"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(serviceA, services);
        Assert.DoesNotContain(serviceB, services);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutJsonAsync($"{Groups}/{groupId}/projects/nope")).Status);
        Assert.Equal("Could not find project: nope.", (await admin.PutJsonAsync($"{Groups}/{groupId}/projects/nope")).Body.Message());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteJsonAsync(path)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteJsonAsync(path)).Status);
        (_, body) = await memberClient.GetJsonAsync("v3/auth/catalog");
        Assert.Contains(serviceB, body!["catalog"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Project_endpoint_associations()
    {
        using var admin = server.AdminClient();
        var projectId = await SeededUsers.CreateProjectAsync(server);
        var (_, endpointId) = await ServiceWithEndpointAsync(admin, "admin");
        var path = $"v3/OS-EP-FILTER/projects/{projectId}/endpoints/{endpointId}";

        var (status, body) = await admin.GetJsonAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Endpoint {endpointId} not found in project {projectId}", body.Message());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutJsonAsync(path)).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutJsonAsync(path)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.GetJsonAsync(path)).Status);

        (_, body) = await admin.GetJsonAsync($"v3/OS-EP-FILTER/projects/{projectId}/endpoints");
        Assert.Equal(endpointId, Assert.Single(body!["endpoints"]!.AsArray())!["id"]!.GetValue<string>());
        (_, body) = await admin.GetJsonAsync($"v3/OS-EP-FILTER/endpoints/{endpointId}/projects");
        Assert.Equal(projectId, Assert.Single(body!["projects"]!.AsArray())!["id"]!.GetValue<string>());

        Assert.Equal("Could not find project: nope.", (await admin.GetJsonAsync($"v3/OS-EP-FILTER/projects/nope/endpoints/{endpointId}")).Body.Message());
        Assert.Equal("Could not find endpoint: nope.", (await admin.GetJsonAsync($"v3/OS-EP-FILTER/projects/{projectId}/endpoints/nope")).Body.Message());
        Assert.Equal("Could not find endpoint: nope.", (await admin.GetJsonAsync("v3/OS-EP-FILTER/endpoints/nope/projects")).Body.Message());
        Assert.Equal("Could not find project: nope.", (await admin.GetJsonAsync("v3/OS-EP-FILTER/projects/nope/endpoints")).Body.Message());

        // Deleting the endpoint forgets the association.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteJsonAsync("v3/endpoints/" + endpointId)).Status);
        (_, body) = await admin.GetJsonAsync($"v3/OS-EP-FILTER/projects/{projectId}/endpoints");
        Assert.Empty(body!["endpoints"]!.AsArray());
        Assert.Equal($"Endpoint {endpointId} not found in project {projectId}", (await admin.DeleteJsonAsync(path)).Body.Message());
    }
}
