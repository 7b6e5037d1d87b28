using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Tests.Api;

namespace SharpStack.Placement.Tests.Candidates;

/// <summary>Allocation-candidates answers are kept until the placement revision moves; changes made straight in the
/// database (as another Placement process sharing it would make them) must move it.</summary>
public sealed class CandidateCacheTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    [Fact]
    public async Task A_repeated_query_sees_changes_made_behind_its_back()
    {
        using var client = cloud.Client();
        var rp = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, (await client.CallAsync(HttpMethod.Post, "resource_providers", new JsonObject { ["name"] = "cache-" + rp, ["uuid"] = rp })).Status);
        var (put, _) = await client.CallAsync(HttpMethod.Put, $"resource_providers/{rp}/inventories", new JsonObject
        {
            ["resource_provider_generation"] = 0,
            ["inventories"] = new JsonObject { ["VCPU"] = new JsonObject { ["total"] = 4 } },
        });
        Assert.Equal(HttpStatusCode.OK, put);
        const string query = "allocation_candidates?resources=VCPU:2";
        async Task<int> CountAsync()
        {
            var (status, body) = await client.CallAsync(HttpMethod.Get, query);
            Assert.Equal(HttpStatusCode.OK, status);
            return body!["allocation_requests"]!.AsArray().Count;
        }
        Assert.Equal(1, await CountAsync());
        Assert.Equal(1, await CountAsync());
        await using (var db = cloud.OpenDb())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE inventories SET total = 1");
            Assert.Equal(0, await CountAsync());
            await db.Database.ExecuteSqlRawAsync("UPDATE inventories SET total = 8");
            Assert.Equal(1, await CountAsync());
            var id = await db.Providers.Where(p => p.Uuid == rp).Select(p => p.Id).FirstAsync();
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO allocations (provider_id, consumer_uuid, resource_class_id, used, created_at, updated_at) VALUES ({0}, {1}, 0, 7, {2}, {2})",
                id, Guid.NewGuid().ToString(), DateTime.UtcNow);
            Assert.Equal(0, await CountAsync());
        }
    }
}
