using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Tests.Allocations;
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

    [Fact]
    public async Task The_provider_snapshot_follows_traits_aggregates_and_providers_changed_anywhere()
    {
        using var client = cloud.Client(version: "1.39");
        var trait = "CUSTOM_SNAP_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var aggregate = Guid.NewGuid().ToString();
        // A class of its own, so that the other test's providers play no part.
        var rc = trait.Replace("CUSTOM_SNAP_", "CUSTOM_SNAPRC_");
        Assert.Equal(HttpStatusCode.Created, (await client.CallAsync(HttpMethod.Put, $"traits/{trait}")).Status);
        Assert.Equal(HttpStatusCode.Created, (await client.CallAsync(HttpMethod.Put, $"resource_classes/{rc}")).Status);
        var a = await TestProviders.AddAsync(cloud, (rc, 4));
        var b = await TestProviders.AddAsync(cloud, (rc, 4));
        var (put, _) = await client.CallAsync(HttpMethod.Put, $"resource_providers/{a}/traits",
            new JsonObject { ["traits"] = new JsonArray(trait), ["resource_provider_generation"] = 0 });
        Assert.Equal(HttpStatusCode.OK, put);

        async Task<string[]> ProvidersAsync(string query)
        {
            var (status, body) = await client.CallAsync(HttpMethod.Get, "allocation_candidates?" + query);
            Assert.Equal(HttpStatusCode.OK, status);
            return [.. body!["allocation_requests"]!.AsArray().SelectMany(r => r!["allocations"]!.AsObject().Select(kv => kv.Key)).Order()];
        }
        Assert.Equal([a], await ProvidersAsync($"resources={rc}:1&required={trait}"));
        Assert.Empty(await ProvidersAsync($"resources={rc}:1&member_of={aggregate}"));

        await using (var db = cloud.OpenDb())
        {
            // Another process moves the trait from a to b and puts b in an aggregate, straight in the database.
            await db.Database.ExecuteSqlRawAsync(
                "DELETE FROM resource_provider_traits WHERE provider_id = (SELECT id FROM resource_providers WHERE uuid = {0})", a);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO resource_provider_traits (provider_id, trait_id) SELECT p.id, t.id FROM resource_providers p, traits t WHERE p.uuid = {0} AND t.name = {1}", b, trait);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO placement_aggregates (uuid) VALUES ({0})", aggregate);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO resource_provider_aggregates (provider_id, aggregate_id) SELECT p.id, g.id FROM resource_providers p, placement_aggregates g WHERE p.uuid = {0} AND g.uuid = {1}", b, aggregate);
        }
        Assert.Equal([b], await ProvidersAsync($"resources={rc}:1&required={trait}"));
        Assert.Equal([b], await ProvidersAsync($"resources={rc}:1&member_of={aggregate}"));

        await using (var db = cloud.OpenDb())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM resource_provider_aggregates WHERE provider_id = (SELECT id FROM resource_providers WHERE uuid = {0})", b);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM resource_provider_traits WHERE provider_id = (SELECT id FROM resource_providers WHERE uuid = {0})", b);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await client.CallAsync(HttpMethod.Delete, $"resource_providers/{b}")).Status);
        Assert.Empty(await ProvidersAsync($"resources={rc}:1&required={trait}"));
        Assert.DoesNotContain(b, await ProvidersAsync($"resources={rc}:1"));
        Assert.Contains(a, await ProvidersAsync($"resources={rc}:1"));
    }
}
