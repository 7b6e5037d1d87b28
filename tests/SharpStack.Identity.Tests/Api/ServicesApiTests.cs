using System.Net;
using System.Text.Json.Nodes;
using static SharpStack.Identity.Tests.Api.JsonCalls;

namespace SharpStack.Identity.Tests.Api;

public sealed class ServicesApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    [Fact]
    public async Task Create_get_update_list_delete_with_extras()
    {
        using var client = server.AdminClient();
        var (status, body) = await client.PostJsonAsync("v3/services", Obj(("service", Obj(("type", "svc-a"), ("name", "alpha"), ("description", "d"), ("foo-bar", "x")))));
        Assert.Equal(HttpStatusCode.Created, status);
        var service = body!["service"]!;
        var id = service["id"]!.GetValue<string>();
        Assert.Equal(32, id.Length);
        Assert.True(service["enabled"]!.GetValue<bool>());
        Assert.Equal("alpha", service["name"]!.GetValue<string>());
        Assert.Equal("x", service["foo_bar"]!.GetValue<string>()); // Keystone normalizes '-' in keys on create
        Assert.EndsWith("/v3/services/" + id, service["links"]!["self"]!.GetValue<string>());

        (status, body) = await client.PatchJsonAsync("v3/services/" + id, Obj(("service", Obj(("id", id), ("enabled", false), ("foo_bar", null)))));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body!["service"]!["enabled"]!.GetValue<bool>());
        Assert.True(body["service"]!.AsObject().ContainsKey("foo_bar"));
        Assert.Equal("alpha", body["service"]!["name"]!.GetValue<string>());

        (status, body) = await client.GetJsonAsync("v3/services?type=svc-a&name=alpha");
        Assert.Equal(id, Assert.Single(body!["services"]!.AsArray())!["id"]!.GetValue<string>());
        (_, body) = await client.GetJsonAsync("v3/services?name=nothing");
        Assert.Empty(body!["services"]!.AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteJsonAsync("v3/services/" + id)).Status);
        (status, body) = await client.GetJsonAsync("v3/services/" + id);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Could not find service: {id}.", body.Message());
    }

    [Fact]
    public async Task Name_defaults_to_empty_and_given_id_is_ignored()
    {
        using var client = server.AdminClient();
        var (_, body) = await client.PostJsonAsync("v3/services", Obj(("service", Obj(("type", "t"), ("id", "mine")))));
        Assert.Equal("", body!["service"]!["name"]!.GetValue<string>());
        Assert.NotEqual("mine", body.Id("service"));
    }

    [Fact]
    public async Task Bad_input_answers_keystone_texts()
    {
        using var client = server.AdminClient();
        var (status, body) = await client.PostJsonAsync("v3/services", Obj(("service", Obj(("name", "x")))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("'type' is a required property", body.Message());

        (status, body) = await client.PostJsonAsync("v3/services", Obj(("service", Obj(("type", "t"), ("enabled", "yes")))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Invalid input for field 'enabled': 'yes' is not of type 'boolean'", body.Message());
        Assert.Contains("{'enum': [True, False, None], 'type': 'boolean'}", body.Message());

        (status, body) = await client.PostJsonAsync("v3/services", Obj());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("None is not of type 'object'", body.Message());

        (status, body) = await client.PostJsonAsync("v3/services", Obj(("service", new JsonArray())));
        Assert.StartsWith("[] is not of type 'object'", body.Message());

        var id = (await client.PostJsonAsync("v3/services", Obj(("service", Obj(("type", "t")))))).Body.Id("service");
        (status, body) = await client.PatchJsonAsync("v3/services/" + id, Obj(("service", Obj(("id", "other")))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Cannot change ID", body.Message());
        (status, body) = await client.PatchJsonAsync("v3/services/" + id, Obj(("service", Obj())));
        Assert.StartsWith("{} does not have enough properties", body.Message());

        Assert.Equal(HttpStatusCode.NotFound, (await client.PatchJsonAsync("v3/services/nope", Obj(("service", Obj(("name", "x")))))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteJsonAsync("v3/services/nope")).Status);
    }

    [Fact]
    public async Task Deleting_a_service_deletes_its_endpoints()
    {
        using var client = server.AdminClient();
        var serviceId = (await client.PostJsonAsync("v3/services", Obj(("service", Obj(("type", "t")))))).Body.Id("service");
        var endpointId = (await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(("interface", "public"), ("service_id", serviceId), ("url", "http://x")))))).Body.Id("endpoint");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteJsonAsync("v3/services/" + serviceId)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync("v3/endpoints/" + endpointId)).Status);
    }

    [Fact]
    public async Task Members_may_not_manage_services()
    {
        var member = await SeededUsers.CreateMemberAsync(server);
        using var client = server.Client(await server.TokenAsync(member.Name, member.Password, project: member.ProjectName));
        var (status, body) = await client.PostJsonAsync("v3/services", Obj(("service", Obj(("type", "t")))));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("You are not authorized to perform the requested action: identity:create_service.", body.Message());
    }
}
