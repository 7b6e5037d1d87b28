using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Tests.Api;

namespace SharpStack.Placement.Tests.Allocations;

/// <summary>The acceptance test of the allocation write: many claims racing for the last free unit.</summary>
public sealed class ConcurrentClaimTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    [Fact]
    public async Task Sixty_four_parallel_claims_for_the_last_unit_give_exactly_one_winner()
    {
        const int total = 10;
        var rp = await TestProviders.AddAsync(cloud, ("VCPU", total));
        using var client = cloud.Client();
        var filler = new JsonObject
        {
            ["allocations"] = new JsonObject { [rp] = new JsonObject { ["resources"] = new JsonObject { ["VCPU"] = total - 1 } } },
            ["project_id"] = "p", ["user_id"] = "u", ["consumer_generation"] = null, ["consumer_type"] = "INSTANCE",
        };
        var (status, _) = await client.CallAsync(HttpMethod.Put, $"/allocations/{Guid.NewGuid()}", filler);
        Assert.Equal(HttpStatusCode.NoContent, status);

        using var start = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            using var c = cloud.Client();
            var body = new JsonObject
            {
                ["allocations"] = new JsonObject { [rp] = new JsonObject { ["resources"] = new JsonObject { ["VCPU"] = 1 } } },
                ["project_id"] = "p", ["user_id"] = "u", ["consumer_generation"] = null, ["consumer_type"] = "INSTANCE",
            };
            start.Wait();
            return await c.CallAsync(HttpMethod.Put, $"/allocations/{Guid.NewGuid()}", body);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(claims);

        Assert.Single(results, r => r.Status == HttpStatusCode.NoContent);
        // Every loser is told why: no capacity left, or (after too many lost races) a concurrent update.
        Assert.All(results.Where(r => r.Status != HttpStatusCode.NoContent), r => Assert.Equal(HttpStatusCode.Conflict, r.Status));

        var db = cloud.OpenDb();
        var providerId = await db.Providers.Where(p => p.Uuid == rp).Select(p => p.Id).SingleAsync();
        Assert.Equal(total, await db.Allocations.Where(a => a.ProviderId == providerId).SumAsync(a => a.Used));
        // Losers leave no consumer behind: the filler and the winner only.
        var holders = await db.Allocations.Where(a => a.ProviderId == providerId).Select(a => a.ConsumerUuid).Distinct().ToListAsync();
        Assert.Equal(2, holders.Count);
        Assert.Equal(2, await db.Consumers.CountAsync(c => holders.Contains(c.Uuid)));
        Assert.Equal(2, await TestProviders.GenerationAsync(cloud, rp));
    }
}
