using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Tests.Allocations;
using SharpStack.Placement.Tests.Api;

namespace SharpStack.Placement.Tests.Reshaper;

/// <summary>POST /reshaper: inventory and allocations moved from a root to a child in one step.</summary>
public sealed class ReshaperTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    [Fact]
    public async Task Moves_inventory_and_allocations_atomically()
    {
        var root = await TestProviders.AddAsync(cloud, ("VCPU", 8));
        var child = await TestProviders.AddAsync(cloud);
        var consumer = Guid.NewGuid().ToString();
        using var client = cloud.Client();
        var claim = new JsonObject
        {
            ["allocations"] = new JsonObject { [root] = new JsonObject { ["resources"] = new JsonObject { ["VCPU"] = 2 } } },
            ["project_id"] = "p", ["user_id"] = "u", ["consumer_generation"] = null, ["consumer_type"] = "INSTANCE",
        };
        Assert.Equal(HttpStatusCode.NoContent, (await client.CallAsync(HttpMethod.Put, $"/allocations/{consumer}", claim)).Status);

        JsonObject Reshape(int rootGeneration, int consumerGeneration) => new()
        {
            ["inventories"] = new JsonObject
            {
                [root] = new JsonObject { ["resource_provider_generation"] = rootGeneration, ["inventories"] = new JsonObject() },
                [child] = new JsonObject { ["resource_provider_generation"] = 0, ["inventories"] = new JsonObject { ["VCPU"] = new JsonObject { ["total"] = 8 } } },
            },
            ["allocations"] = new JsonObject
            {
                [consumer] = new JsonObject
                {
                    ["allocations"] = new JsonObject { [child] = new JsonObject { ["resources"] = new JsonObject { ["VCPU"] = 2 } } },
                    ["project_id"] = "p", ["user_id"] = "u", ["consumer_generation"] = consumerGeneration, ["consumer_type"] = "INSTANCE",
                },
            },
        };

        var (stale, body) = await client.CallAsync(HttpMethod.Post, "/reshaper", Reshape(0, 1));
        Assert.Equal(HttpStatusCode.Conflict, stale);
        Assert.Contains($"resource provider generation conflict for provider {root}: actual: 1, given: 0", body!["errors"]![0]!["detail"]!.GetValue<string>());

        var (status, _) = await client.CallAsync(HttpMethod.Post, "/reshaper", Reshape(1, 1));
        Assert.Equal(HttpStatusCode.NoContent, status);
        var (_, got) = await client.CallAsync(HttpMethod.Get, $"/allocations/{consumer}");
        Assert.Equal(2, got!["allocations"]![child]!["resources"]!["VCPU"]!.GetValue<int>());
        Assert.Null(got["allocations"]![root]);
        Assert.Equal(2, got["consumer_generation"]!.GetValue<int>());
        // The child: +1 interim inventory, +1 allocations, +1 final inventory; the root: +1 final inventory only.
        Assert.Equal(3, await TestProviders.GenerationAsync(cloud, child));
        Assert.Equal(2, await TestProviders.GenerationAsync(cloud, root));
        var rootId = await cloud.OpenDb().Providers.Where(p => p.Uuid == root).Select(p => p.Id).SingleAsync();
        Assert.False(await cloud.OpenDb().Inventories.AnyAsync(i => i.ProviderId == rootId));
    }

    [Fact]
    public async Task Removing_inventory_still_in_use_rolls_everything_back()
    {
        var root = await TestProviders.AddAsync(cloud, ("VCPU", 8));
        var consumer = Guid.NewGuid().ToString();
        using var client = cloud.Client();
        var claim = new JsonObject
        {
            ["allocations"] = new JsonObject { [root] = new JsonObject { ["resources"] = new JsonObject { ["VCPU"] = 2 } } },
            ["project_id"] = "p", ["user_id"] = "u", ["consumer_generation"] = null, ["consumer_type"] = "INSTANCE",
        };
        Assert.Equal(HttpStatusCode.NoContent, (await client.CallAsync(HttpMethod.Put, $"/allocations/{consumer}", claim)).Status);
        var reshape = new JsonObject
        {
            ["inventories"] = new JsonObject { [root] = new JsonObject { ["resource_provider_generation"] = 1, ["inventories"] = new JsonObject() } },
            ["allocations"] = new JsonObject(),
        };
        var (status, body) = await client.CallAsync(HttpMethod.Post, "/reshaper", reshape);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("placement.inventory.inuse", body!["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal(1, await TestProviders.GenerationAsync(cloud, root));
    }
}
