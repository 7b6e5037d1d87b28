using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Tests.Api;

namespace SharpStack.Placement.Tests.Allocations;

/// <summary>Placement with no allocation write attempts allowed.</summary>
public sealed class NoRetryPlacementCloud : PlacementCloud
{
    public NoRetryPlacementCloud() => Settings["SHARPSTACK_PLACEMENT__ALLOCATION_CONFLICT_RETRY_COUNT"] = "0";
}

/// <summary>Placement with its own "incomplete consumer" owner.</summary>
public sealed class LegacyOwnerPlacementCloud : PlacementCloud
{
    public LegacyOwnerPlacementCloud()
    {
        Settings["SHARPSTACK_PLACEMENT__INCOMPLETE_CONSUMER_PROJECT_ID"] = "legacy-project";
        Settings["SHARPSTACK_PLACEMENT__INCOMPLETE_CONSUMER_USER_ID"] = "legacy-user";
    }
}

/// <summary>allocation_conflict_retry_count: the number of attempts in all, so 0 refuses every write (as upstream).</summary>
public sealed class AllocationRetryOptionTests(NoRetryPlacementCloud cloud) : IClassFixture<NoRetryPlacementCloud>
{
    [Fact]
    public async Task Zero_retries_answer_a_concurrent_update_and_leave_no_consumer()
    {
        // As upstream: with no attempt allowed, every write reports a concurrent update.
        var rp = await TestProviders.AddAsync(cloud, ("VCPU", 4));
        var consumer = Guid.NewGuid().ToString();
        using var client = cloud.Client(version: "1.28");
        var body = new JsonObject
        {
            ["allocations"] = new JsonObject { [rp] = new JsonObject { ["resources"] = new JsonObject { ["VCPU"] = 1 } } },
            ["project_id"] = "p", ["user_id"] = "u", ["consumer_generation"] = null,
        };
        var (status, error) = await client.CallAsync(HttpMethod.Put, $"/allocations/{consumer}", body);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("placement.concurrent_update", error!["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Contains("Inventory and/or allocations changed while attempting to allocate: Another thread concurrently updated the resource provider data. Please retry your update",
            error["errors"]![0]!["detail"]!.GetValue<string>());
        Assert.False(await cloud.OpenDb().Consumers.AnyAsync(c => c.Uuid == consumer));
        Assert.Equal(0, await TestProviders.GenerationAsync(cloud, rp));
    }

}

/// <summary>incomplete_consumer_project_id/user_id, and the empty consumer a null-generation wipe leaves behind.</summary>
public sealed class AllocationOwnerOptionTests(LegacyOwnerPlacementCloud cloud) : IClassFixture<LegacyOwnerPlacementCloud>
{
    [Fact]
    public async Task Consumers_written_before_1_8_belong_to_the_configured_owner()
    {
        var rp = await TestProviders.AddAsync(cloud, ("VCPU", 4));
        var consumer = Guid.NewGuid().ToString();
        // A wipe of a consumer that does not exist leaves an empty record with generation 0 (upstream's quirk).
        using var client = cloud.Client(version: "1.28");
        var wipe = new JsonObject { ["allocations"] = new JsonObject(), ["project_id"] = "p", ["user_id"] = "u", ["consumer_generation"] = null };
        var (status, _) = await client.CallAsync(HttpMethod.Put, $"/allocations/{consumer}", wipe);
        Assert.Equal(HttpStatusCode.NoContent, status);
        var row = await cloud.OpenDb().Consumers.SingleAsync(c => c.Uuid == consumer);
        Assert.Equal(0, row.Generation);
        var (again, error) = await client.CallAsync(HttpMethod.Put, $"/allocations/{consumer}", wipe);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("consumer generation conflict - expected 0 but got None", error!["errors"]![0]!["detail"]!.GetValue<string>());

        using var old = cloud.Client(version: "1.7");
        var legacy = new JsonObject
        {
            ["allocations"] = new JsonArray(new JsonObject { ["resource_provider"] = new JsonObject { ["uuid"] = rp }, ["resources"] = new JsonObject { ["VCPU"] = 1 } }),
        };
        await old.CallAsync(HttpMethod.Put, $"/allocations/{consumer}", legacy);
        row = await cloud.OpenDb().Consumers.SingleAsync(c => c.Uuid == consumer);
        Assert.Equal(("legacy-project", "legacy-user"), (row.ProjectId, row.UserId));
    }
}
