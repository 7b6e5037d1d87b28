using System.Net;
using System.Text.Json.Nodes;
using SharpStack.Placement.Tests.Api;

namespace SharpStack.Placement.Tests.Candidates;

/// <summary>GET /allocation_candidates over data written straight into the database.</summary>
public sealed class AllocationCandidatesTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    private static string Unique(string prefix) => "CUSTOM_" + prefix + "_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private async Task<JsonNode> GetAsync(string query, string version = "latest", HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = cloud.Client(version: version);
        var (status, body) = await client.CallAsync(HttpMethod.Get, "/allocation_candidates?" + query);
        Assert.True(expected == status, body?.ToJsonString());
        return body!;
    }

    private static JsonArray Requests(JsonNode body) => body["allocation_requests"]!.AsArray();

    private static JsonObject Summaries(JsonNode body) => body["provider_summaries"]!.AsObject();

    [Fact]
    public async Task Single_providers_with_room_for_everything()
    {
        var (cpu, mem) = (Unique("CPU"), Unique("MEM"));
        using var w = new CandidateWorld(cloud.OpenDb());
        var cn1 = await w.ProviderAsync("cn1");
        var cn2 = await w.ProviderAsync("cn2");
        var cn3 = await w.ProviderAsync("cn3");
        foreach (var cn in new[] { cn1, cn2, cn3 })
        {
            await w.InventoryAsync(cn, cpu, 8);
            await w.InventoryAsync(cn, mem, 1024, reserved: 512);
        }
        await w.AllocateAsync(cn2, cpu, 7);
        await w.InventoryAsync(cn3, cpu + "_X", 1);

        var body = await GetAsync($"resources={cpu}:2,{mem}:256", "1.26");
        Assert.Equal(2, Requests(body).Count);
        var first = Requests(body)[0]!["allocations"]!.AsObject();
        var rp = Assert.Single(first);
        Assert.Equal(2, rp.Value!["resources"]![cpu]!.GetValue<long>());
        Assert.True(Summaries(body).ContainsKey(cn1.Uuid));
        Assert.False(Summaries(body).ContainsKey(cn2.Uuid));
        Assert.Equal(512, Summaries(body)[cn1.Uuid]!["resources"]![mem]!["capacity"]!.GetValue<long>());
        // Below 1.27 only requested classes are summarised; from 1.27 all of them.
        Assert.Null(Summaries(body)[cn3.Uuid]!["resources"]![cpu + "_X"]);
        body = await GetAsync($"resources={cpu}:2,{mem}:256", "1.27");
        Assert.NotNull(Summaries(body)[cn3.Uuid]!["resources"]![cpu + "_X"]);

        // A limit on a lone group: N candidates and only their providers summarised.
        body = await GetAsync($"resources={cpu}:2&limit=1");
        Assert.Single(Requests(body));
        Assert.Single(Summaries(body));

        // Capacity, max_unit and step_size all count.
        Assert.Empty(Requests(await GetAsync($"resources={cpu}:9")));
    }

    [Fact]
    public async Task List_format_before_1_12_and_mappings_from_1_34()
    {
        var cpu = Unique("CPU");
        using var w = new CandidateWorld(cloud.OpenDb());
        var cn = await w.ProviderAsync("cn");
        await w.InventoryAsync(cn, cpu, 4);

        var old = await GetAsync($"resources={cpu}:1", "1.10");
        Assert.Equal(cn.Uuid, Requests(old)[0]!["allocations"]![0]!["resource_provider"]!["uuid"]!.GetValue<string>());
        Assert.Null(Summaries(old)[cn.Uuid]!["traits"]);

        var latest = await GetAsync($"resources={cpu}:1");
        Assert.Equal(cn.Uuid, Requests(latest)[0]!["mappings"]![""]![0]!.GetValue<string>());
        Assert.Equal(cn.Uuid, Summaries(latest)[cn.Uuid]!["root_provider_uuid"]!.GetValue<string>());
        Assert.Null(Summaries(latest)[cn.Uuid]!["parent_provider_uuid"]);
    }

    [Fact]
    public async Task Sharing_provider_serves_trees_in_its_aggregate()
    {
        var (cpu, disk) = (Unique("CPU"), Unique("DISK"));
        var agg = Guid.NewGuid().ToString();
        using var w = new CandidateWorld(cloud.OpenDb());
        var cn1 = await w.ProviderAsync("cn1");
        var cn2 = await w.ProviderAsync("cn2");
        var ss = await w.ProviderAsync("ss");
        await w.InventoryAsync(cn1, cpu, 4);
        await w.InventoryAsync(cn2, cpu, 4);
        await w.InventoryAsync(ss, disk, 100);
        await w.TraitAsync(ss, "MISC_SHARES_VIA_AGGREGATE");
        await w.AggregateAsync(cn1, agg);
        await w.AggregateAsync(ss, agg);

        var body = await GetAsync($"resources={cpu}:1,{disk}:10");
        var request = Assert.Single(Requests(body));
        var allocations = request!["allocations"]!.AsObject();
        Assert.Equal(4, allocations[cn1.Uuid]!["resources"]![cpu]!.GetValue<long>() + 3);
        Assert.Equal(10, allocations[ss.Uuid]!["resources"]![disk]!.GetValue<long>());
        Assert.Equal(2, Summaries(body).Count);

        // Only the sharing provider's own class: one candidate, however many trees it serves.
        Assert.Single(Requests(await GetAsync($"resources={disk}:10")));
    }

    [Fact]
    public async Task Nested_candidates_need_1_29()
    {
        var (cpu, mem) = (Unique("CPU"), Unique("MEM"));
        using var w = new CandidateWorld(cloud.OpenDb());
        var root = await w.ProviderAsync("root");
        var numa0 = await w.ProviderAsync("numa0", root);
        var numa1 = await w.ProviderAsync("numa1", root);
        await w.InventoryAsync(root, mem, 2048);
        await w.InventoryAsync(numa0, cpu, 4);
        await w.InventoryAsync(numa1, cpu, 4);

        var body = await GetAsync($"resources={cpu}:2,{mem}:512");
        Assert.Equal(2, Requests(body).Count);
        Assert.Equal(3, Summaries(body).Count);
        Assert.Equal(root.Uuid, Summaries(body)[numa0.Uuid]!["parent_provider_uuid"]!.GetValue<string>());
        Assert.Empty(Requests(await GetAsync($"resources={cpu}:2,{mem}:512", "1.28")));

        // Granular: each group from one provider; isolate keeps them apart.
        body = await GetAsync($"resources1={cpu}:2&resources2={cpu}:2&group_policy=isolate");
        Assert.Equal(2, Requests(body).Count);
        body = await GetAsync($"resources1={cpu}:2&resources2={cpu}:2&group_policy=none");
        Assert.Equal(4, Requests(body).Count);
        body = await GetAsync($"resources1={cpu}:3&resources2={cpu}:3&group_policy=none");
        Assert.Equal(2, Requests(body).Count);

        // limit keeps the first N and the summaries of their trees.
        body = await GetAsync($"resources1={cpu}:2&resources2={cpu}:2&group_policy=none&limit=1");
        Assert.Single(Requests(body));
    }

    [Fact]
    public async Task Traits_required_collectively_and_forbidden_per_provider()
    {
        var (cpu, mem, gold, bad) = (Unique("CPU"), Unique("MEM"), Unique("GOLD"), Unique("BAD"));
        using var w = new CandidateWorld(cloud.OpenDb());
        var root = await w.ProviderAsync("root");
        var child = await w.ProviderAsync("child", root);
        var other = await w.ProviderAsync("other");
        await w.InventoryAsync(root, mem, 2048);
        await w.InventoryAsync(child, cpu, 4);
        await w.InventoryAsync(other, mem, 2048);
        await w.InventoryAsync(other, cpu, 4);
        await w.TraitAsync(child, gold);
        await w.TraitAsync(other, bad);

        var body = await GetAsync($"resources={cpu}:1,{mem}:1&required={gold}");
        Assert.True(Assert.Single(Requests(body))!["allocations"]!.AsObject().ContainsKey(child.Uuid));
        body = await GetAsync($"resources={cpu}:1,{mem}:1&required=!{bad}");
        Assert.Single(Requests(body));
        body = await GetAsync($"resources={cpu}:1,{mem}:1&required=in:{gold},{bad}");
        Assert.Equal(2, Requests(body).Count);
        // A trait on a provider that contributes nothing does not count.
        Assert.Empty(Requests(await GetAsync($"resources={mem}:1&required={gold}")));
    }

    [Fact]
    public async Task Member_of_matches_self_or_root_for_the_unsuffixed_group()
    {
        var cpu = Unique("CPU");
        var agg = Guid.NewGuid().ToString();
        using var w = new CandidateWorld(cloud.OpenDb());
        var root = await w.ProviderAsync("root");
        var child = await w.ProviderAsync("child", root);
        await w.InventoryAsync(child, cpu, 4);
        await w.AggregateAsync(root, agg);

        Assert.Single(Requests(await GetAsync($"resources={cpu}:1&member_of={agg}")));
        Assert.Empty(Requests(await GetAsync($"resources={cpu}:1&member_of=!{agg}")));
        // A suffixed group needs the provider itself in the aggregate.
        Assert.Empty(Requests(await GetAsync($"resources1={cpu}:1&member_of1={agg}")));
        Assert.Empty(Requests(await GetAsync($"resources={cpu}:1&member_of={Guid.NewGuid()}")));
    }

    [Fact]
    public async Task Unknown_names_and_bad_queries_are_400()
    {
        var body = await GetAsync("resources=CUSTOM_NOPE_XYZ:1", expected: HttpStatusCode.BadRequest);
        Assert.Contains("Invalid resource class in resources parameter: No such resource class CUSTOM_NOPE_XYZ.", body.ToJsonString());
        body = await GetAsync("resources=VCPU:1&required=CUSTOM_NOPE_XYZ", expected: HttpStatusCode.BadRequest);
        Assert.Contains("No such trait(s): CUSTOM_NOPE_XYZ.", body.ToJsonString());
        body = await GetAsync("resources1=VCPU:1&resources2=VCPU:1", expected: HttpStatusCode.BadRequest);
        Assert.Contains("The \\u0022group_policy\\u0022 parameter is required", body.ToJsonString());
        body = await GetAsync("resources=VCPU:1&limit=0", expected: HttpStatusCode.BadRequest);
        Assert.Contains("Invalid query string parameters", body.ToJsonString());
        body = await GetAsync("resources0=VCPU:1", "1.30", expected: HttpStatusCode.BadRequest);
        Assert.Contains("does not match any of the regexes", body.ToJsonString());
        using var client = cloud.Client(version: "1.9");
        Assert.Equal(HttpStatusCode.NotFound, (await client.CallAsync(HttpMethod.Get, "/allocation_candidates?resources=VCPU:1")).Status);
    }
}
