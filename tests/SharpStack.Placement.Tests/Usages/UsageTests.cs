using System.Net;
using System.Text.Json.Nodes;
using SharpStack.Placement.Tests.Allocations;
using SharpStack.Placement.Tests.Api;

namespace SharpStack.Placement.Tests.Usages;

/// <summary>GET /usages by project and user, and grouped by consumer type from 1.38.</summary>
public sealed class UsageTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    private static JsonObject Claim(string rp, string project, string user, string type, int vcpu, int memory) => new()
    {
        ["allocations"] = new JsonObject { [rp] = new JsonObject { ["resources"] = new JsonObject { ["VCPU"] = vcpu, ["MEMORY_MB"] = memory } } },
        ["project_id"] = project, ["user_id"] = user, ["consumer_generation"] = null, ["consumer_type"] = type,
    };

    [Fact]
    public async Task Usages_sum_by_project_user_and_type()
    {
        var rp = await TestProviders.AddAsync(cloud, ("VCPU", 16), ("MEMORY_MB", 4096));
        var project = Guid.NewGuid().ToString();
        using var client = cloud.Client();
        foreach (var (user, type, vcpu) in new[] { ("u1", "INSTANCE", 1), ("u1", "INSTANCE", 2), ("u2", "MIGRATION", 4) })
        {
            var (status, _) = await client.CallAsync(HttpMethod.Put, $"/allocations/{Guid.NewGuid()}", Claim(rp, project, user, type, vcpu, 256));
            Assert.Equal(HttpStatusCode.NoContent, status);
        }

        using var v19 = cloud.Client(version: "1.9");
        var (_, all) = await v19.CallAsync(HttpMethod.Get, $"/usages?project_id={project}");
        Assert.Equal("{\"usages\":{\"VCPU\":7,\"MEMORY_MB\":768}}", all!.ToJsonString());
        var (_, mine) = await v19.CallAsync(HttpMethod.Get, $"/usages?project_id={project}&user_id=u1");
        Assert.Equal("{\"usages\":{\"VCPU\":3,\"MEMORY_MB\":512}}", mine!.ToJsonString());
        var (bad, _) = await v19.CallAsync(HttpMethod.Get, $"/usages?project_id={project}&consumer_type=all");
        Assert.Equal(HttpStatusCode.BadRequest, bad);

        var (_, typed) = await client.CallAsync(HttpMethod.Get, $"/usages?project_id={project}");
        Assert.Equal(3, typed!["usages"]!["INSTANCE"]!["VCPU"]!.GetValue<int>());
        Assert.Equal(2, typed["usages"]!["INSTANCE"]!["consumer_count"]!.GetValue<int>());
        Assert.Equal(1, typed["usages"]!["MIGRATION"]!["consumer_count"]!.GetValue<int>());
        var (_, everything) = await client.CallAsync(HttpMethod.Get, $"/usages?project_id={project}&consumer_type=all");
        Assert.Equal("{\"usages\":{\"all\":{\"VCPU\":7,\"consumer_count\":3,\"MEMORY_MB\":768}}}", everything!.ToJsonString());
        var (_, unknown) = await client.CallAsync(HttpMethod.Get, $"/usages?project_id={project}&consumer_type=unknown");
        Assert.Equal("{\"usages\":{}}", unknown!.ToJsonString());

        var (_, provider) = await client.CallAsync(HttpMethod.Get, $"/resource_providers/{rp}/usages");
        Assert.Equal(7, provider!["usages"]!["VCPU"]!.GetValue<int>());
        Assert.Equal(3, provider["resource_provider_generation"]!.GetValue<int>());
    }
}
