using System.Net;
using System.Text.Json.Nodes;
using SharpStack.Image.Tests.Api;

namespace SharpStack.Image.Tests.Tags;

/// <summary>PUT and DELETE /v2/images/{id}/tags/{tag}.</summary>
public sealed class TagsApiTests(ImageCloud cloud) : IClassFixture<ImageCloud>
{
    [Fact]
    public async Task Tags_are_a_set_the_owner_changes()
    {
        var (_, ownerToken) = await cloud.ProjectUserAsync();
        var (memberProject, memberToken) = await cloud.ProjectUserAsync();
        using var owner = cloud.Client(ownerToken);
        using var member = cloud.Client(memberToken);
        var (_, created) = await owner.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["name"] = "tagged" });
        var id = created!["id"]!.GetValue<string>();
        var before = created["updated_at"]!.GetValue<string>();

        var (status, body) = await owner.CallAsync(HttpMethod.Put, $"v2/images/{id}/tags/fedora");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Null(body);
        (status, _) = await owner.CallAsync(HttpMethod.Put, $"v2/images/{id}/tags/fedora");
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, _) = await owner.CallAsync(HttpMethod.Put, $"v2/images/{id}/tags/beefy");
        Assert.Equal(HttpStatusCode.NoContent, status);
        (_, body) = await owner.CallAsync(HttpMethod.Get, "v2/images/" + id);
        Assert.Equal(["beefy", "fedora"], body!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray());
        Assert.True(string.CompareOrdinal(body["updated_at"]!.GetValue<string>(), before) >= 0);

        (status, _) = await owner.CallAsync(HttpMethod.Delete, $"v2/images/{id}/tags/fedora");
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, body) = await owner.CallAsync(HttpMethod.Delete, $"v2/images/{id}/tags/fedora");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("The resource could not be found.", body.Message());
        (_, body) = await owner.CallAsync(HttpMethod.Get, "v2/images/" + id);
        Assert.Equal(["beefy"], body!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray());

        // A member sees the image but may not change its tags; others do not see it at all.
        (status, _) = await owner.CallAsync(HttpMethod.Post, $"v2/images/{id}/members", new JsonObject { ["member"] = memberProject });
        Assert.Equal(HttpStatusCode.OK, status);
        (status, body) = await member.CallAsync(HttpMethod.Put, $"v2/images/{id}/tags/mine");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Not allowed to update tags for image {id}.", body.Message());
        (status, body) = await member.CallAsync(HttpMethod.Delete, $"v2/images/{id}/tags/beefy");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Not allowed to delete tags for image {id}.", body.Message());
        var (_, strangerToken) = await cloud.ProjectUserAsync();
        using var stranger = cloud.Client(strangerToken);
        (status, body) = await stranger.CallAsync(HttpMethod.Put, $"v2/images/{id}/tags/mine");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Image {id} not found.", body.Message());
    }

    [Fact]
    public async Task Long_tags_are_refused_before_the_image_is_looked_up()
    {
        using var admin = cloud.AdminClient();
        var tag = new string('t', 256);
        var (status, body) = await admin.CallAsync(HttpMethod.Put, $"v2/images/{Guid.NewGuid()}/tags/{tag}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith($"Provided object does not match schema 'image': '{tag}' is too long\n\nFailed validating 'maxLength' in schema['properties']['tags']['items']:", body.Message());

        var missing = Guid.NewGuid().ToString();
        (status, body) = await admin.CallAsync(HttpMethod.Put, $"v2/images/{missing}/tags/ok");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Image {missing} not found.", body.Message());
        (status, body) = await admin.CallAsync(HttpMethod.Delete, $"v2/images/{missing}/tags/ok");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Image {missing} not found.", body.Message());
    }
}
