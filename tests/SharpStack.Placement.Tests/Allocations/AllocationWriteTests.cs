using System.Net;
using System.Text.Json.Nodes;
using SharpStack.Placement.Tests.Api;

namespace SharpStack.Placement.Tests.Allocations;

/// <summary>PUT/POST/GET/DELETE allocations: the write rules, consumer generations and the shapes by microversion.</summary>
public sealed class AllocationWriteTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    private static JsonObject Body(string rp, int vcpu, JsonNode? generation = null, string type = "INSTANCE") => new()
    {
        ["allocations"] = new JsonObject { [rp] = new JsonObject { ["resources"] = new JsonObject { ["VCPU"] = vcpu } } },
        ["project_id"] = "p1",
        ["user_id"] = "u1",
        ["consumer_generation"] = generation,
        ["consumer_type"] = type,
    };

    private static string Detail(JsonNode? body) => body!["errors"]![0]!["detail"]!.GetValue<string>();

    [Fact]
    public async Task Put_get_and_delete_round_trip_with_generations()
    {
        var rp = await TestProviders.AddAsync(cloud, ("VCPU", 8));
        var consumer = Guid.NewGuid().ToString();
        using var client = cloud.Client();

        var (status, _) = await client.CallAsync(HttpMethod.Put, $"/allocations/{consumer}", Body(rp, 2));
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(1, await TestProviders.GenerationAsync(cloud, rp));

        var (_, got) = await client.CallAsync(HttpMethod.Get, $"/allocations/{consumer}");
        Assert.Equal(2, got!["allocations"]![rp]!["resources"]!["VCPU"]!.GetValue<int>());
        Assert.Equal(1, got["allocations"]![rp]!["generation"]!.GetValue<int>());
        Assert.Equal(1, got["consumer_generation"]!.GetValue<int>());
        Assert.Equal("INSTANCE", got["consumer_type"]!.GetValue<string>());
        Assert.Equal("p1", got["project_id"]!.GetValue<string>());

        // A stale (null) generation for an existing consumer is refused.
        var (conflict, error) = await client.CallAsync(HttpMethod.Put, $"/allocations/{consumer}", Body(rp, 3));
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Contains("consumer generation conflict - expected 1 but got None", Detail(error));
        Assert.Equal("placement.concurrent_update", error["errors"]![0]!["code"]!.GetValue<string>());

        (status, _) = await client.CallAsync(HttpMethod.Put, $"/allocations/{consumer}", Body(rp, 3, 1));
        Assert.Equal(HttpStatusCode.NoContent, status);

        var (_, byRp) = await client.CallAsync(HttpMethod.Get, $"/resource_providers/{rp}/allocations");
        Assert.Equal(3, byRp!["allocations"]![consumer]!["resources"]!["VCPU"]!.GetValue<int>());
        Assert.Equal(2, byRp["allocations"]![consumer]!["consumer_generation"]!.GetValue<int>());
        Assert.Equal(2, byRp["resource_provider_generation"]!.GetValue<int>());

        (status, _) = await client.CallAsync(HttpMethod.Delete, $"/allocations/{consumer}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(2, await TestProviders.GenerationAsync(cloud, rp));
        (status, _) = await client.CallAsync(HttpMethod.Delete, $"/allocations/{consumer}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        var (_, empty) = await client.CallAsync(HttpMethod.Get, $"/allocations/{consumer}");
        Assert.Equal("{\"allocations\":{}}", empty!.ToJsonString());
    }

    [Fact]
    public async Task Capacity_is_a_float_and_constraints_hold()
    {
        var rp = await TestProviders.AddAsync(cloud,
            [new() { Total = 4, Reserved = 1, AllocationRatio = 1.5, StepSize = 1, MaxUnit = 4 }], ["VCPU"]);
        using var client = cloud.Client();
        // (4 - 1) * 1.5 = 4.5: four fit, five do not; five also breaks max_unit.
        var (status, body) = await client.CallAsync(HttpMethod.Put, $"/allocations/{Guid.NewGuid()}", Body(rp, 5));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("would violate inventory constraints", Detail(body));
        (status, _) = await client.CallAsync(HttpMethod.Put, $"/allocations/{Guid.NewGuid()}", Body(rp, 4));
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, body) = await client.CallAsync(HttpMethod.Put, $"/allocations/{Guid.NewGuid()}", Body(rp, 1));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("The requested amount would exceed the capacity.", Detail(body));

        var missing = Guid.NewGuid().ToString();
        (status, body) = await client.CallAsync(HttpMethod.Put, $"/allocations/{Guid.NewGuid()}", Body(missing, 1));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"Allocation for resource provider '{missing}' that does not exist.", Detail(body));
    }

    [Fact]
    public async Task Post_writes_several_consumers_at_once_and_wipes_move_generations()
    {
        var rp = await TestProviders.AddAsync(cloud, ("VCPU", 4));
        var (a, b) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        using var client = cloud.Client();
        var (status, _) = await client.CallAsync(HttpMethod.Post, "/allocations", new JsonObject { [a] = Body(rp, 2), [b] = Body(rp, 2) });
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(1, await TestProviders.GenerationAsync(cloud, rp));

        // Together they would need 5: all-or-nothing.
        var (conflict, _) = await client.CallAsync(HttpMethod.Post, "/allocations", new JsonObject { [a] = Body(rp, 3, 1), [b] = Body(rp, 2, 1) });
        Assert.Equal(HttpStatusCode.Conflict, conflict);

        var wipe = new JsonObject { [a] = new JsonObject { ["allocations"] = new JsonObject(), ["project_id"] = "p1", ["user_id"] = "u1", ["consumer_generation"] = 1, ["consumer_type"] = "INSTANCE" } };
        (status, _) = await client.CallAsync(HttpMethod.Post, "/allocations", wipe);
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(2, await TestProviders.GenerationAsync(cloud, rp));
        var (_, usages) = await client.CallAsync(HttpMethod.Get, $"/resource_providers/{rp}/usages");
        Assert.Equal(2, usages!["usages"]!["VCPU"]!.GetValue<int>());
    }

    [Fact]
    public async Task List_format_below_1_12_and_incomplete_consumers_below_1_8()
    {
        var rp = await TestProviders.AddAsync(cloud, ("VCPU", 4));
        var consumer = Guid.NewGuid().ToString("N").ToUpperInvariant();
        using var old = cloud.Client(version: "1.0");
        var body = new JsonObject
        {
            ["allocations"] = new JsonArray(new JsonObject { ["resource_provider"] = new JsonObject { ["uuid"] = rp }, ["resources"] = new JsonObject { ["VCPU"] = 1 } }),
        };
        var (status, _) = await old.CallAsync(HttpMethod.Put, $"/allocations/{consumer}", body);
        Assert.Equal(HttpStatusCode.NoContent, status);
        using var client = cloud.Client(version: "1.12");
        var normalized = Guid.ParseExact(consumer, "N").ToString();
        var (_, got) = await client.CallAsync(HttpMethod.Get, $"/allocations/{normalized}");
        Assert.Equal("00000000-0000-0000-0000-000000000000", got!["project_id"]!.GetValue<string>());
        Assert.Null(got["consumer_generation"]);
    }
}

/// <summary>Mappings (1.34) are accepted in PUT and POST bodies, checked by the schema, and otherwise ignored.</summary>
public sealed class AllocationMappingTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    [Theory]
    [InlineData("1.34", "{\"alpha\": [\"%RP%\"]}", HttpStatusCode.NoContent, "")]
    [InlineData("1.34", "{\"alpha\": \"beta\"}", HttpStatusCode.BadRequest, "JSON does not validate: 'beta' is not of type 'array'")]
    [InlineData("1.34", "{}", HttpStatusCode.BadRequest, "JSON does not validate: {} does not have enough properties")]
    [InlineData("1.33", "{\"alpha\": [\"%RP%\"]}", HttpStatusCode.BadRequest, "Additional properties are not allowed")]
    public async Task Mappings_by_microversion(string version, string mappings, HttpStatusCode expected, string detail)
    {
        var rp = await TestProviders.AddAsync(cloud, ("VCPU", 4));
        using var client = cloud.Client(version: version);
        var body = new JsonObject
        {
            ["allocations"] = new JsonObject { [rp] = new JsonObject { ["resources"] = new JsonObject { ["VCPU"] = 1 } } },
            ["mappings"] = JsonNode.Parse(mappings.Replace("%RP%", rp)),
            ["consumer_generation"] = null, ["user_id"] = "u", ["project_id"] = "p",
        };
        var (status, error) = await client.CallAsync(HttpMethod.Put, $"/allocations/{Guid.NewGuid()}", body);
        Assert.Equal(expected, status);
        if (detail.Length > 0) Assert.Contains(detail, error!["errors"]![0]!["detail"]!.GetValue<string>());
        (status, _) = await client.CallAsync(HttpMethod.Post, "/allocations", new JsonObject { [Guid.NewGuid().ToString()] = body.DeepClone() });
        Assert.Equal(expected, status);
    }
}
