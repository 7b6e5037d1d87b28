using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SharpStack.Image.Tests.Api;

namespace SharpStack.Image.Tests.Members;

/// <summary>Image sharing between two projects through the API, with Glance's rules and messages.</summary>
public sealed class MembersApiTests(ImageCloud cloud) : IClassFixture<ImageCloud>
{
    private static async Task<string> CreateImageAsync(HttpClient client, string visibility = "shared")
    {
        var (status, body) = await client.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["name"] = "shared-one", ["visibility"] = visibility });
        Assert.Equal(HttpStatusCode.Created, status);
        return body!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Share_accept_reject_and_unshare_between_two_projects()
    {
        var (ownerProject, ownerToken) = await cloud.ProjectUserAsync();
        var (memberProject, memberToken) = await cloud.ProjectUserAsync();
        using var owner = cloud.Client(ownerToken);
        using var member = cloud.Client(memberToken);
        var id = await CreateImageAsync(owner);

        var (status, body) = await member.CallAsync(HttpMethod.Get, "v2/images/" + id);
        Assert.Equal(HttpStatusCode.NotFound, status);

        (status, body) = await owner.CallAsync(HttpMethod.Post, $"v2/images/{id}/members", new JsonObject { ["member"] = memberProject });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["member_id", "image_id", "status", "created_at", "updated_at", "schema"], body!.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(memberProject, body["member_id"]!.GetValue<string>());
        Assert.Equal(id, body["image_id"]!.GetValue<string>());
        Assert.Equal("pending", body["status"]!.GetValue<string>());
        Assert.Equal("/v2/schemas/member", body["schema"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body["created_at"]!.GetValue<string>());

        // A pending member can already see the image by id.
        (status, body) = await member.CallAsync(HttpMethod.Get, "v2/images/" + id);
        Assert.Equal(HttpStatusCode.OK, status);

        (status, body) = await owner.CallAsync(HttpMethod.Post, $"v2/images/{id}/members", new JsonObject { ["member"] = memberProject });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal($"Member {memberProject} is duplicated for image {id}", body.Message());

        // The owner sees every member; a member sees only its own row.
        (status, body) = await owner.CallAsync(HttpMethod.Post, $"v2/images/{id}/members", new JsonObject { ["member"] = "some-other-project" });
        Assert.Equal(HttpStatusCode.OK, status);
        (status, body) = await owner.CallAsync(HttpMethod.Get, $"v2/images/{id}/members");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/v2/schemas/members", body!["schema"]!.GetValue<string>());
        Assert.Equal([memberProject, "some-other-project"], body["members"]!.AsArray().Select(m => m!["member_id"]!.GetValue<string>()).ToArray());
        (status, body) = await member.CallAsync(HttpMethod.Get, $"v2/images/{id}/members");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([memberProject], body!["members"]!.AsArray().Select(m => m!["member_id"]!.GetValue<string>()).ToArray());
        (status, body) = await member.CallAsync(HttpMethod.Get, $"v2/images/{id}/members/some-other-project");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"some-other-project not found in the member list of the image {id}.", body.Message());
        (status, body) = await member.CallAsync(HttpMethod.Get, $"v2/images/{id}/members/{memberProject}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pending", body!["status"]!.GetValue<string>());

        // Only the member answers; the owner may not.
        (status, body) = await owner.CallAsync(HttpMethod.Put, $"v2/images/{id}/members/{memberProject}", new JsonObject { ["status"] = "accepted" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Not allowed to update members for image {id}.", body.Message());
        (status, body) = await member.CallAsync(HttpMethod.Put, $"v2/images/{id}/members/{memberProject}", new JsonObject { ["status"] = "accepted" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("accepted", body!["status"]!.GetValue<string>());
        (status, body) = await member.CallAsync(HttpMethod.Put, $"v2/images/{id}/members/{memberProject}", new JsonObject { ["status"] = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Incorrect request: Status must be \"pending\", \"accepted\" or \"rejected\".", body.Message());
        (status, body) = await member.CallAsync(HttpMethod.Put, $"v2/images/{id}/members/some-other-project", new JsonObject { ["status"] = "accepted" });
        Assert.Equal(HttpStatusCode.NotFound, status);

        // Rejecting keeps the membership: the image stays reachable by id.
        (status, body) = await member.CallAsync(HttpMethod.Put, $"v2/images/{id}/members/{memberProject}", new JsonObject { ["status"] = "rejected" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("rejected", body!["status"]!.GetValue<string>());
        (status, _) = await member.CallAsync(HttpMethod.Get, "v2/images/" + id);
        Assert.Equal(HttpStatusCode.OK, status);

        // Only the owner removes members; afterwards the image is gone for the former member.
        (status, body) = await member.CallAsync(HttpMethod.Delete, $"v2/images/{id}/members/{memberProject}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Not allowed to delete members for image {id}.", body.Message());
        (status, body) = await owner.CallAsync(HttpMethod.Delete, $"v2/images/{id}/members/{memberProject}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Null(body);
        (status, _) = await member.CallAsync(HttpMethod.Get, "v2/images/" + id);
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, body) = await member.CallAsync(HttpMethod.Get, $"v2/images/{id}/members");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Image {id} not found.", body.Message());
        (status, body) = await owner.CallAsync(HttpMethod.Delete, $"v2/images/{id}/members/{memberProject}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"{memberProject} not found in the member list of the image {id}.", body.Message());
    }

    [Fact]
    public async Task Only_the_owner_adds_members_and_admins_may_do_anything()
    {
        var (_, ownerToken) = await cloud.ProjectUserAsync();
        var (memberProject, memberToken) = await cloud.ProjectUserAsync();
        using var owner = cloud.Client(ownerToken);
        using var member = cloud.Client(memberToken);
        using var admin = cloud.AdminClient();
        var id = await CreateImageAsync(owner);
        var (status, _) = await owner.CallAsync(HttpMethod.Post, $"v2/images/{id}/members", new JsonObject { ["member"] = memberProject });
        Assert.Equal(HttpStatusCode.OK, status);

        (status, var body) = await member.CallAsync(HttpMethod.Post, $"v2/images/{id}/members", new JsonObject { ["member"] = "third" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Not allowed to create members for image {id}.", body.Message());

        (status, body) = await admin.CallAsync(HttpMethod.Post, $"v2/images/{id}/members", new JsonObject { ["member"] = "third" });
        Assert.Equal(HttpStatusCode.OK, status);
        (status, body) = await admin.CallAsync(HttpMethod.Put, $"v2/images/{id}/members/{memberProject}", new JsonObject { ["status"] = "accepted" });
        Assert.Equal(HttpStatusCode.OK, status);
        (status, body) = await admin.CallAsync(HttpMethod.Get, $"v2/images/{id}/members");
        Assert.Equal(2, body!["members"]!.AsArray().Count);
        (status, _) = await admin.CallAsync(HttpMethod.Delete, $"v2/images/{id}/members/third");
        Assert.Equal(HttpStatusCode.NoContent, status);
    }

    [Fact]
    public async Task Images_that_are_not_shared_have_no_members()
    {
        var (_, ownerToken) = await cloud.ProjectUserAsync();
        using var owner = cloud.Client(ownerToken);
        var id = await CreateImageAsync(owner, "private");

        var (status, body) = await owner.CallAsync(HttpMethod.Post, $"v2/images/{id}/members", new JsonObject { ["member"] = "someone" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Not allowed to create members for image {id}.", body.Message());
        (status, body) = await owner.CallAsync(HttpMethod.Get, $"v2/images/{id}/members");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Not allowed to list members for image {id}: Only shared images have members.", body.Message());
        (status, body) = await owner.CallAsync(HttpMethod.Get, $"v2/images/{id}/members/someone");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Only shared images have members.", body.Message());
        (status, body) = await owner.CallAsync(HttpMethod.Put, $"v2/images/{id}/members/someone", new JsonObject { ["status"] = "accepted" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Not allowed to update members for image {id}.", body.Message());
        (status, body) = await owner.CallAsync(HttpMethod.Delete, $"v2/images/{id}/members/someone");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Not allowed to delete members for image {id}.", body.Message());

        var missing = Guid.NewGuid().ToString();
        (status, body) = await owner.CallAsync(HttpMethod.Post, $"v2/images/{missing}/members", new JsonObject { ["member"] = "someone" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Image {missing} not found.", body.Message());
    }

    [Theory]
    [InlineData("", "Body expected in request.")]
    [InlineData("{", "Malformed JSON in request body.")]
    [InlineData("\"x\"", "Unexpected body type. Expected list/dict.")]
    [InlineData("[]", "Expected a member in the form: {\"member\": \"image_id\"}")]
    [InlineData("{}", "Member to be added not specified")]
    [InlineData("{\"member\": \"\"}", "Member can't be empty")]
    [InlineData("{\"member\": null}", "Member can't be empty")]
    public async Task Member_bodies_are_checked_first(string text, string message)
    {
        using var client = cloud.AdminClient();
        using var content = new StringContent(text, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync($"v2/images/{Guid.NewGuid()}/members", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, JsonNode.Parse(await response.Content.ReadAsStringAsync()).Message());
    }

    [Theory]
    [InlineData("{}", "Status not specified")]
    [InlineData("[1]", "Expected a status in the form: {\"status\": \"status\"}")]
    public async Task Status_bodies_are_checked_first(string text, string message)
    {
        using var client = cloud.AdminClient();
        using var content = new StringContent(text, Encoding.UTF8, "application/json");
        using var response = await client.PutAsync($"v2/images/{Guid.NewGuid()}/members/x", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, JsonNode.Parse(await response.Content.ReadAsStringAsync()).Message());
    }
}
