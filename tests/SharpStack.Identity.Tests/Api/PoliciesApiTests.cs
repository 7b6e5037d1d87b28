using System.Net;
using System.Text.Json.Nodes;
using static SharpStack.Identity.Tests.Api.JsonCalls;

namespace SharpStack.Identity.Tests.Api;

public sealed class PoliciesApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private static async Task<string> PolicyAsync(HttpClient client) =>
        (await client.PostJsonAsync("v3/policies", Obj(("policy", Obj(("blob", "{\"a\": 1}"), ("type", "application/json")))))).Body.Id("policy");

    [Fact]
    public async Task Create_get_update_list_delete()
    {
        using var client = server.AdminClient();
        var (status, body) = await client.PostJsonAsync("v3/policies", Obj(("policy", Obj(("blob", "{\"a\":1}"), ("type", "application/json"), ("ex-tra", "x")))));
        Assert.Equal(HttpStatusCode.Created, status);
        var id = body.Id("policy");
        Assert.Equal("{\"a\":1}", body!["policy"]!["blob"]!.GetValue<string>());
        Assert.Equal("x", body["policy"]!["ex_tra"]!.GetValue<string>());

        (status, body) = await client.PatchJsonAsync("v3/policies/" + id, Obj(("policy", Obj(("id", id), ("type", "t2")))));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("t2", body!["policy"]!["type"]!.GetValue<string>());
        Assert.Equal("{\"a\":1}", body["policy"]!["blob"]!.GetValue<string>());

        (_, body) = await client.GetJsonAsync("v3/policies?type=t2");
        Assert.Equal(id, Assert.Single(body!["policies"]!.AsArray())!["id"]!.GetValue<string>());
        (_, body) = await client.GetJsonAsync("v3/policies/" + id);
        Assert.Equal("t2", body!["policy"]!["type"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteJsonAsync("v3/policies/" + id)).Status);
        (status, body) = await client.GetJsonAsync("v3/policies/" + id);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Could not find policy: {id}.", body.Message());
    }

    [Fact]
    public async Task Bad_input_answers_keystone_texts()
    {
        using var client = server.AdminClient();
        var (status, body) = await client.PostJsonAsync("v3/policies", Obj());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("'blob' is a required property", body.Message());
        (_, body) = await client.PostJsonAsync("v3/policies", Obj(("policy", null)));
        Assert.StartsWith("None is not of type 'object'", body.Message());
        (_, body) = await client.PostJsonAsync("v3/policies", Obj(("policy", Obj(("blob", 5), ("type", "t")))));
        Assert.StartsWith("Invalid input for field 'blob': 5 is not of type 'string'", body.Message());

        var id = await PolicyAsync(client);
        (status, body) = await client.PatchJsonAsync("v3/policies/" + id, Obj(("policy", Obj(("id", "other")))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Cannot change policy ID", body.Message());
        (_, body) = await client.PatchJsonAsync("v3/policies/" + id, Obj(("policy", Obj())));
        Assert.StartsWith("{} does not have enough properties", body.Message());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PatchJsonAsync("v3/policies/nope", Obj(("policy", Obj(("blob", "x")))))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteJsonAsync("v3/policies/nope")).Status);
    }

    [Fact]
    public async Task Endpoint_policy_associations()
    {
        using var client = server.AdminClient();
        var policyId = await PolicyAsync(client);
        var serviceId = (await client.PostJsonAsync("v3/services", Obj(("service", Obj(("type", "pol")))))).Body.Id("service");
        var child = "child-" + Guid.NewGuid().ToString("N")[..6];
        await client.PostJsonAsync("v3/regions", Obj(("region", Obj(("id", child), ("parent_region_id", "RegionOne")))));
        async Task<string> EndpointAsync(string region) => (await client.PostJsonAsync("v3/endpoints", Obj(("endpoint", Obj(
            ("interface", "public"), ("service_id", serviceId), ("url", "http://p"), ("region_id", region)))))).Body.Id("endpoint");
        var inRegionOne = await EndpointAsync("RegionOne");
        var inChild = await EndpointAsync(child);
        var prefix = $"v3/policies/{policyId}/OS-ENDPOINT-POLICY";

        var (status, body) = await client.GetJsonAsync($"v3/endpoints/{inChild}/OS-ENDPOINT-POLICY/policy");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"No policy is associated with endpoint {inChild}.", body.Message());

        // Service in region: applies to the region's and its children's endpoints.
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutJsonAsync($"{prefix}/services/{serviceId}/regions/RegionOne")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetJsonAsync($"{prefix}/services/{serviceId}/regions/RegionOne")).Status);
        (status, body) = await client.GetJsonAsync($"v3/endpoints/{inChild}/OS-ENDPOINT-POLICY/policy");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(policyId, body!["policy"]!["id"]!.GetValue<string>());
        Assert.EndsWith("/v3/endpoints/" + policyId, body["policy"]!["links"]!["self"]!.GetValue<string>());
        (_, body) = await client.GetJsonAsync($"{prefix}/endpoints");
        var listed = body!["endpoints"]!.AsArray();
        Assert.Equal(new[] { inRegionOne, inChild }.Order(), listed.Select(e => e!["id"]!.GetValue<string>()).Order());
        Assert.Null(listed[0]!["region"]);

        (status, body) = await client.GetJsonAsync($"{prefix}/services/{serviceId}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Could not find policy association.", body.Message());
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutJsonAsync($"{prefix}/endpoints/{inRegionOne}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.GetJsonAsync($"{prefix}/endpoints/{inRegionOne}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteJsonAsync($"{prefix}/services/{serviceId}/regions/RegionOne")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync($"v3/endpoints/{inChild}/OS-ENDPOINT-POLICY/policy")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync($"v3/endpoints/{inRegionOne}/OS-ENDPOINT-POLICY/policy")).Status);

        Assert.Equal("Could not find endpoint: nope.", (await client.PutJsonAsync($"{prefix}/endpoints/nope")).Body.Message());
        Assert.Equal("Could not find policy: nope.", (await client.PutJsonAsync($"v3/policies/nope/OS-ENDPOINT-POLICY/endpoints/{inRegionOne}")).Body.Message());
        Assert.Equal("Could not find region: nope.", (await client.PutJsonAsync($"{prefix}/services/{serviceId}/regions/nope")).Body.Message());
        Assert.Equal("Could not find service: nope.", (await client.PutJsonAsync($"{prefix}/services/nope")).Body.Message());
        Assert.Equal("Could not find endpoint: nope.", (await client.GetJsonAsync("v3/endpoints/nope/OS-ENDPOINT-POLICY/policy")).Body.Message());

        // Deleting a region forgets the associations naming it.
        var lone = "lone-" + Guid.NewGuid().ToString("N")[..6];
        await client.PostJsonAsync("v3/regions", Obj(("region", Obj(("id", lone)))));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutJsonAsync($"{prefix}/services/{serviceId}/regions/{lone}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteJsonAsync("v3/regions/" + lone)).Status);
        await client.PostJsonAsync("v3/regions", Obj(("region", Obj(("id", lone)))));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync($"{prefix}/services/{serviceId}/regions/{lone}")).Status);

        // Deleting the endpoint forgets its association (Keystone would then fail the list with 404).
        await client.DeleteJsonAsync("v3/endpoints/" + inRegionOne);
        (status, body) = await client.GetJsonAsync($"{prefix}/endpoints");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body!["endpoints"]!.AsArray());
    }
}
