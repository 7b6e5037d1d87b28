using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace SharpStack.Image.Tests.Api;

/// <summary>Deactivate/reactivate, the schema documents, and what the router answers for unknown paths and methods.</summary>
public sealed class ImageActionsAndRoutesTests(ImageCloud cloud) : IClassFixture<ImageCloud>
{
    [Fact]
    public async Task Deactivate_and_reactivate_follow_the_status_rules()
    {
        using var admin = cloud.AdminClient();
        var (_, created) = await admin.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["name"] = "a" });
        var id = created!["id"]!.GetValue<string>();
        var (status, body) = await admin.CallAsync(HttpMethod.Post, $"v2/images/{id}/actions/deactivate");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Not allowed to deactivate image in status 'queued'", body.Message());
        (status, body) = await admin.CallAsync(HttpMethod.Post, $"v2/images/{id}/actions/reactivate");
        Assert.Equal("Not allowed to reactivate image in status 'queued'", body.Message());

        await using (var db = cloud.OpenDb())
            await db.Images.Where(x => x.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, "active"));
        var (_, token) = await cloud.ProjectUserAsync();
        using var user = cloud.Client(token);
        (status, _) = await user.CallAsync(HttpMethod.Post, $"v2/images/{id}/actions/deactivate");
        Assert.Equal(HttpStatusCode.NotFound, status);

        foreach (var (action, expected) in new[] { ("deactivate", "deactivated"), ("deactivate", "deactivated"), ("reactivate", "active"), ("reactivate", "active") })
        {
            (status, _) = await admin.CallAsync(HttpMethod.Post, $"v2/images/{id}/actions/{action}");
            Assert.Equal(HttpStatusCode.NoContent, status);
            (_, body) = await admin.CallAsync(HttpMethod.Get, "v2/images/" + id);
            Assert.Equal(expected, body!["status"]!.GetValue<string>());
        }

        (_, created) = await admin.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["visibility"] = "public" });
        (status, body) = await user.CallAsync(HttpMethod.Post, $"v2/images/{created!["id"]}/actions/deactivate");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("You do not own this image", body.Message());
    }

    [Fact]
    public async Task Schemas_are_served_as_glance_builds_them()
    {
        using var admin = cloud.AdminClient();
        var (status, image) = await admin.CallAsync(HttpMethod.Get, "v2/schemas/image");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["name", "properties", "additionalProperties", "links"], image!.AsObject().Select(p => p.Key));
        Assert.Equal("string", image["additionalProperties"]!["type"]!.GetValue<string>());
        var disk = image["properties"]!["disk_format"]!["enum"]!.AsArray();
        Assert.Null(disk[0]);
        Assert.Equal("ploop", disk[^1]!.GetValue<string>());
        Assert.Equal("id", image["properties"]!.AsObject().First().Key);

        (_, var images) = await admin.CallAsync(HttpMethod.Get, "v2/schemas/images");
        Assert.Equal("images", images!["name"]!.GetValue<string>());
        Assert.Equal(image.ToJsonString(), images["properties"]!["images"]!["items"]!.ToJsonString());
        (_, var member) = await admin.CallAsync(HttpMethod.Get, "v2/schemas/member");
        Assert.Equal(["name", "properties"], member!.AsObject().Select(p => p.Key));
        (_, var members) = await admin.CallAsync(HttpMethod.Get, "v2/schemas/members");
        Assert.Equal(["members", "schema"], members!["properties"]!.AsObject().Select(p => p.Key));

        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/schemas/image") { Content = new StringContent("{}") };
        using var response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("A body is not expected with this request.", JsonNode.Parse(await response.Content.ReadAsStringAsync()).Message());
    }

    [Theory]
    [InlineData("PUT", "v2/images", 405, "GET, POST")]
    [InlineData("POST", "v2/images/00000000-0000-0000-0000-000000000000", 405, "GET, PATCH, DELETE")]
    [InlineData("GET", "v2/images/00000000-0000-0000-0000-000000000000/actions/deactivate", 405, "POST")]
    [InlineData("DELETE", "v2/schemas/image", 405, "GET")]
    [InlineData("GET", "v2/nothing-here", 404, null)]
    [InlineData("GET", "v2/images/x/y/z", 404, null)]
    [InlineData("BREW", "v2/nothing-here", 501, null)]
    public async Task Unknown_routes_and_methods(string method, string path, int status, string? allow)
    {
        using var admin = cloud.AdminClient();
        using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(status, (int)response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal($"{status} ", body["code"]!.GetValue<string>()[..4]);
        if (allow is not null)
        {
            Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
            Assert.Equal($"The method {method} is not allowed for this resource.", body.Message());
        }

        using var anonymous = cloud.Client();
        using var unauthenticated = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }
}

/// <summary>A cloud whose [image_format] disk_formats is narrowed, to see the schema follow configuration.</summary>
public sealed class FormatsCloud : ImageCloud
{
    public FormatsCloud() => Settings["SHARPSTACK_IMAGE_FORMAT__DISK_FORMATS"] = "raw,qcow2";
}

/// <summary>The image schema's format enums come from [image_format], as upstream builds them.</summary>
public sealed class ImageSchemaFormatsTests(FormatsCloud custom) : IClassFixture<FormatsCloud>
{
    [Fact]
    public async Task Schema_formats_follow_configuration()
    {
        using var admin = custom.AdminClient();
        var (_, image) = await admin.CallAsync(HttpMethod.Get, "v2/schemas/image");
        Assert.Equal([null, "raw", "qcow2"], image!["properties"]!["disk_format"]!["enum"]!.AsArray().Select(n => n?.GetValue<string>()));
        var (status, body) = await admin.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["disk_format"] = "vmdk" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Provided object does not match schema 'image': 'vmdk' is not one of [None, 'raw', 'qcow2']", body.Message());
    }
}
