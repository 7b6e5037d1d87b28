using System.Net;
using System.Text.Json.Nodes;

namespace SharpStack.Image.Tests.Api;

/// <summary>The create/show/delete path end to end, through a real token validated by Identity.</summary>
public sealed class ImagesApiSmokeTests(ImageCloud cloud) : IClassFixture<ImageCloud>
{
    [Fact]
    public async Task Create_show_delete()
    {
        using var client = cloud.AdminClient();
        var (status, body) = await client.CallAsync(HttpMethod.Post, "v2/images",
            new JsonObject { ["name"] = "cirros", ["disk_format"] = "qcow2", ["container_format"] = "bare", ["hw_rng_model"] = "virtio" });
        Assert.Equal(HttpStatusCode.Created, status);
        var id = body!["id"]!.GetValue<string>();
        Assert.Equal("queued", body["status"]!.GetValue<string>());
        Assert.Equal("shared", body["visibility"]!.GetValue<string>());
        Assert.Equal(cloud.AdminProjectId, body["owner"]!.GetValue<string>());
        Assert.Equal("virtio", body["hw_rng_model"]!.GetValue<string>());
        Assert.Null(body["size"]);
        Assert.Equal($"/v2/images/{id}/file", body["file"]!.GetValue<string>());

        (status, body) = await client.CallAsync(HttpMethod.Get, "v2/images/" + id);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("cirros", body!["name"]!.GetValue<string>());

        (status, _) = await client.CallAsync(HttpMethod.Delete, "v2/images/" + id);
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, body) = await client.CallAsync(HttpMethod.Get, "v2/images/" + id);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("404 Not Found", body!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Private_images_of_other_projects_are_not_found_and_read_only_attributes_are_refused()
    {
        using var admin = cloud.AdminClient();
        var (_, created) = await admin.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["name"] = "mine", ["visibility"] = "private" });
        var id = created!["id"]!.GetValue<string>();
        var (_, token) = await cloud.ProjectUserAsync();
        using var other = cloud.Client(token);
        var (status, _) = await other.CallAsync(HttpMethod.Get, "v2/images/" + id);
        Assert.Equal(HttpStatusCode.NotFound, status);

        (status, var body) = await other.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["status"] = "active" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Attribute 'status' is read-only.", body.Message());

        using var anonymous = cloud.Client();
        (status, _) = await anonymous.CallAsync(HttpMethod.Get, "v2/images/" + id);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
