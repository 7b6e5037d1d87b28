using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Placement.Tests.Api;

namespace SharpStack.Placement.Tests.ResourceClasses;

/// <summary>Resource classes: custom ids, rename before 1.7, create-or-verify from 1.7, the standard-class and in-use rules.</summary>
public sealed class ResourceClassTests(PlacementCloud cloud) : IClassFixture<PlacementCloud>
{
    [Fact]
    public async Task Custom_ids_start_at_10000_and_follow_the_highest_id()
    {
        using var client = cloud.Client();
        Assert.Equal(HttpStatusCode.Created, (await client.CallAsync(HttpMethod.Post, "/resource_classes", new JsonObject { ["name"] = "CUSTOM_IDS_A" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await client.CallAsync(HttpMethod.Put, "/resource_classes/CUSTOM_IDS_B")).Status);
        var a = await IdOf("CUSTOM_IDS_A");
        var b = await IdOf("CUSTOM_IDS_B");
        Assert.True(a >= 10000);
        Assert.Equal(a + 1, b);
        // Deleting the newest class frees its id for the next one (max + 1), as upstream.
        Assert.Equal(HttpStatusCode.NoContent, (await client.CallAsync(HttpMethod.Delete, "/resource_classes/CUSTOM_IDS_B")).Status);
        await client.CallAsync(HttpMethod.Post, "/resource_classes", new JsonObject { ["name"] = "CUSTOM_IDS_C" });
        Assert.Equal(b, await IdOf("CUSTOM_IDS_C"));
    }

    [Fact]
    public async Task List_has_standard_classes_first_then_custom_ones_with_self_links()
    {
        using var client = cloud.Client();
        await client.CallAsync(HttpMethod.Put, "/resource_classes/CUSTOM_LISTED");
        var (status, body) = await client.CallAsync(HttpMethod.Get, "/resource_classes");
        Assert.Equal(HttpStatusCode.OK, status);
        var list = body!["resource_classes"]!.AsArray();
        Assert.Equal("VCPU", list[0]!["name"]!.GetValue<string>());
        var custom = list.Single(c => c!["name"]!.GetValue<string>() == "CUSTOM_LISTED")!;
        Assert.Equal("/resource_classes/CUSTOM_LISTED", custom["links"]![0]!["href"]!.GetValue<string>());
        Assert.True(list.IndexOf(custom) >= 21);
    }

    [Fact]
    public async Task Put_from_1_7_creates_then_verifies_with_a_location()
    {
        using var client = cloud.Client(version: "1.7");
        using var first = await client.PutAsync("/resource_classes/CUSTOM_VERIFY", null);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.EndsWith("/resource_classes/CUSTOM_VERIFY", first.Headers.Location!.ToString());
        using var second = await client.PutAsync("/resource_classes/CUSTOM_VERIFY", null);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.EndsWith("/resource_classes/CUSTOM_VERIFY", second.Headers.Location!.ToString());
        var (status, body) = await client.CallAsync(HttpMethod.Put, "/resource_classes/VCPU");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Failed validating 'pattern'", body!["errors"]![0]!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rename_before_1_7_keeps_the_id_and_refuses_standard_and_taken_names()
    {
        using var client = cloud.Client(version: "1.6");
        await client.CallAsync(HttpMethod.Post, "/resource_classes", new JsonObject { ["name"] = "CUSTOM_OLD_NAME" });
        await client.CallAsync(HttpMethod.Post, "/resource_classes", new JsonObject { ["name"] = "CUSTOM_TAKEN" });
        var id = await IdOf("CUSTOM_OLD_NAME");
        var (status, body) = await client.CallAsync(HttpMethod.Put, "/resource_classes/CUSTOM_OLD_NAME", new JsonObject { ["name"] = "CUSTOM_NEW_NAME" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("CUSTOM_NEW_NAME", body!["name"]!.GetValue<string>());
        Assert.Equal(id, await IdOf("CUSTOM_NEW_NAME"));

        (status, body) = await client.CallAsync(HttpMethod.Put, "/resource_classes/CUSTOM_NEW_NAME", new JsonObject { ["name"] = "CUSTOM_TAKEN" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("Resource class already exists: CUSTOM_TAKEN", Detail(body));
        (status, body) = await client.CallAsync(HttpMethod.Put, "/resource_classes/DISK_GB", new JsonObject { ["name"] = "CUSTOM_DISK" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Cannot update standard resource class DISK_GB", Detail(body));
        (status, _) = await client.CallAsync(HttpMethod.Put, "/resource_classes/CUSTOM_MISSING", new JsonObject { ["name"] = "CUSTOM_OTHER" });
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_class_in_an_inventory_cannot_be_deleted_and_standard_classes_never()
    {
        using var client = cloud.Client();
        await client.CallAsync(HttpMethod.Put, "/resource_classes/CUSTOM_IN_USE");
        var (_, rp) = await client.CallAsync(HttpMethod.Post, "/resource_providers", new JsonObject { ["name"] = "rc-in-use" });
        var uuid = rp!["uuid"]!.GetValue<string>();
        var (status, _) = await client.CallAsync(HttpMethod.Post, $"/resource_providers/{uuid}/inventories",
            new JsonObject { ["resource_class"] = "CUSTOM_IN_USE", ["total"] = 4 });
        Assert.Equal(HttpStatusCode.Created, status);

        var (conflict, body) = await client.CallAsync(HttpMethod.Delete, "/resource_classes/CUSTOM_IN_USE");
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Contains("Error in delete resource class: Cannot delete resource class CUSTOM_IN_USE. Class is in use in inventory.", Detail(body));
        await client.CallAsync(HttpMethod.Delete, $"/resource_providers/{uuid}/inventories/CUSTOM_IN_USE");
        Assert.Equal(HttpStatusCode.NoContent, (await client.CallAsync(HttpMethod.Delete, "/resource_classes/CUSTOM_IN_USE")).Status);

        (status, body) = await client.CallAsync(HttpMethod.Delete, "/resource_classes/VCPU");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Error in delete resource class: Cannot delete standard resource class VCPU.", Detail(body));
    }

    [Fact]
    public async Task The_routes_do_not_exist_before_1_2_and_the_version_is_checked_before_the_media_type()
    {
        using var client = cloud.Client(version: "1.1");
        Assert.Equal(HttpStatusCode.NotFound, (await client.CallAsync(HttpMethod.Get, "/resource_classes")).Status);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/resource_classes") { Content = new StringContent("x") };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string Detail(JsonNode? body) => body!["errors"]![0]!["detail"]!.GetValue<string>();

    private async Task<int> IdOf(string name)
    {
        await using var db = cloud.OpenDb();
        return await db.ResourceClasses.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }
}
