using System.Net;
using System.Text.Json.Nodes;

namespace SharpStack.Identity.Tests.Api;

public sealed class RegionsApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    [Fact]
    public async Task Create_get_update_delete_with_parent()
    {
        using var client = server.AdminClient();
        using var parent = await client.PostAsync("v3/regions", IdentityServer.Json(new JsonObject { ["region"] = new JsonObject { ["description"] = "p" } }));
        Assert.Equal(HttpStatusCode.Created, parent.StatusCode);
        var parentId = (await IdentityServer.ReadAsync(parent))["region"]!["id"]!.GetValue<string>();
        Assert.Equal(32, parentId.Length);

        using var child = await client.PutAsync("v3/regions/child-" + parentId[..6],
            IdentityServer.Json(new JsonObject { ["region"] = new JsonObject { ["parent_region_id"] = parentId, ["extra_attr"] = "x" } }));
        Assert.Equal(HttpStatusCode.Created, child.StatusCode);
        var childBody = (await IdentityServer.ReadAsync(child))["region"]!;
        Assert.Equal("x", childBody["extra_attr"]!.GetValue<string>());

        using var cycle = await client.PatchAsync("v3/regions/" + parentId,
            IdentityServer.Json(new JsonObject { ["region"] = new JsonObject { ["parent_region_id"] = "child-" + parentId[..6] } }));
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);

        using var list = await client.GetAsync("v3/regions?parent_region_id=" + parentId);
        Assert.Single((await IdentityServer.ReadAsync(list))["regions"]!.AsArray());

        using var delete = await client.DeleteAsync("v3/regions/" + parentId);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await client.GetAsync("v3/regions/child-" + parentId[..6]);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Duplicate_and_bad_input()
    {
        using var client = server.AdminClient();
        using var dup = await client.PutAsync("v3/regions/RegionOne", IdentityServer.Json(new JsonObject { ["region"] = new JsonObject() }));
        Assert.Equal(HttpStatusCode.Conflict, dup.StatusCode);
        using var bad = await client.PostAsync("v3/regions", IdentityServer.Json(new JsonObject { ["region"] = new JsonObject { ["description"] = 5 } }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Invalid input for field 'description'", (await IdentityServer.ReadAsync(bad))["error"]!["message"]!.GetValue<string>());
    }
}
