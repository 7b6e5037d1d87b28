using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Tests.Api;

namespace SharpStack.Placement.Tests.Aggregates;

/// <summary>Provider aggregates: the bare list of 1.1–1.18, the generation of 1.19, aggregates made on first use.</summary>
public sealed class AggregateTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    private const string AggA = "aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa";
    private const string AggB = "bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb";

    [Fact]
    public async Task Before_1_19_the_body_is_a_bare_list_and_the_generation_stays()
    {
        using var client = cloud.Client(version: "1.18");
        var uuid = await NewProviderAsync(client, "agg-old");
        var path = $"/resource_providers/{uuid}/aggregates";
        var (status, body) = await client.CallAsync(HttpMethod.Put, path, new JsonArray(AggA, AggB));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new JsonArray(AggA, AggB).ToJsonString(), body!["aggregates"]!.ToJsonString());
        Assert.Null(body["resource_provider_generation"]);
        Assert.Equal(0, await GenerationAsync(client, uuid));

        (status, body) = await client.CallAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([AggA, AggB], body!["aggregates"]!.AsArray().Select(n => n!.GetValue<string>()).Order());

        (status, _) = await client.CallAsync(HttpMethod.Put, path, new JsonArray(AggA, AggA));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, _) = await client.CallAsync(HttpMethod.Put, path, new JsonObject { ["aggregates"] = new JsonArray() });
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task From_1_19_every_put_checks_and_moves_the_generation()
    {
        using var client = cloud.Client(version: "1.19");
        var uuid = await NewProviderAsync(client, "agg-new");
        var path = $"/resource_providers/{uuid}/aggregates";
        var (status, body) = await client.CallAsync(HttpMethod.Put, path, Body(0, AggA));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body!["resource_provider_generation"]!.GetValue<int>());
        // Unchanged set: the generation moves all the same.
        (status, body) = await client.CallAsync(HttpMethod.Put, path, Body(1, AggA));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body!["resource_provider_generation"]!.GetValue<int>());

        using var latest = cloud.Client();
        (status, body) = await latest.CallAsync(HttpMethod.Put, path, Body(1));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("placement.concurrent_update", body!["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Contains("Resource provider's generation already changed.", body["errors"]![0]!["detail"]!.GetValue<string>());

        (status, body) = await client.CallAsync(HttpMethod.Get, path);
        Assert.Equal(2, body!["resource_provider_generation"]!.GetValue<int>());
        Assert.Equal(AggA, body["aggregates"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Providers_share_aggregate_rows_and_unused_aggregates_stay()
    {
        using var client = cloud.Client(version: "1.19");
        var one = await NewProviderAsync(client, "agg-share-1");
        var two = await NewProviderAsync(client, "agg-share-2");
        const string shared = "cccccccc-3333-4333-8333-cccccccccccc";
        await client.CallAsync(HttpMethod.Put, $"/resource_providers/{one}/aggregates", Body(0, shared));
        await client.CallAsync(HttpMethod.Put, $"/resource_providers/{two}/aggregates", Body(0, shared));
        await client.CallAsync(HttpMethod.Put, $"/resource_providers/{one}/aggregates", Body(1));
        await using var db = cloud.OpenDb();
        Assert.Equal(1, await db.Aggregates.CountAsync(a => a.Uuid == shared));
        var aggregateId = await db.Aggregates.Where(a => a.Uuid == shared).Select(a => a.Id).SingleAsync();
        Assert.Equal(1, await db.ProviderAggregates.CountAsync(pa => pa.AggregateId == aggregateId));
    }

    [Fact]
    public async Task Odd_uuid_spellings_are_kept_or_refused_but_never_a_server_error()
    {
        using var client = cloud.Client(version: "1.19");
        var uuid = await NewProviderAsync(client, "agg-odd");
        var path = $"/resource_providers/{uuid}/aggregates";
        const string upper = "DDDDDDDD-4444-4444-8444-DDDDDDDDDDDD";
        var (status, body) = await client.CallAsync(HttpMethod.Put, path, Body(0, upper));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(upper, body!["aggregates"]![0]!.GetValue<string>());
        (status, _) = await client.CallAsync(HttpMethod.Put, path, Body(1, "urn:uuid:" + AggA));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, _) = await client.CallAsync(HttpMethod.Put, path, Body(1, "not-a-uuid"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task The_routes_start_at_1_1_and_unknown_providers_are_404()
    {
        using var client = cloud.Client(version: "1.0");
        var uuid = await NewProviderAsync(client, "agg-version");
        Assert.Equal(HttpStatusCode.NotFound, (await client.CallAsync(HttpMethod.Get, $"/resource_providers/{uuid}/aggregates")).Status);
        using var latest = cloud.Client();
        var (status, body) = await latest.CallAsync(HttpMethod.Get, "/resource_providers/00000000-0000-0000-0000-00000000000a/aggregates");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("No resource provider with uuid 00000000-0000-0000-0000-00000000000a found", body!["errors"]![0]!["detail"]!.GetValue<string>());
    }

    private static JsonObject Body(int generation, params string[] aggregates) => new()
    {
        ["aggregates"] = new JsonArray([.. aggregates.Select(a => (JsonNode)a)]),
        ["resource_provider_generation"] = generation,
    };

    private static async Task<string> NewProviderAsync(HttpClient client, string name)
    {
        var uuid = Guid.NewGuid().ToString();
        var (status, _) = await client.CallAsync(HttpMethod.Post, "/resource_providers", new JsonObject { ["name"] = name, ["uuid"] = uuid });
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created);
        return uuid;
    }

    private static async Task<int> GenerationAsync(HttpClient client, string uuid) =>
        (await client.CallAsync(HttpMethod.Get, $"/resource_providers/{uuid}")).Body!["generation"]!.GetValue<int>();
}
