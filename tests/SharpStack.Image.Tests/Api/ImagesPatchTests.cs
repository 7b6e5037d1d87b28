using System.Net;
using System.Text.Json.Nodes;

namespace SharpStack.Image.Tests.Api;

/// <summary>PATCH /v2/images/{id}: media types, operations, pointers and the attribute and property rules.</summary>
public sealed class ImagesPatchTests(ImageCloud cloud) : IClassFixture<ImageCloud>
{
    private const string V21 = "application/openstack-images-v2.1-json-patch";
    private const string V20 = "application/openstack-images-v2.0-json-patch";

    private static async Task<string> CreateAsync(HttpClient client, JsonObject? body = null)
    {
        var (status, image) = await client.CallAsync(HttpMethod.Post, "v2/images", body ?? new JsonObject { ["name"] = "p" });
        Assert.Equal(HttpStatusCode.Created, status);
        return image!["id"]!.GetValue<string>();
    }

    private static Task<(HttpStatusCode Status, JsonNode? Body)> PatchAsync(HttpClient client, string id, string json, string type = V21) =>
        client.CallAsync(HttpMethod.Patch, "v2/images/" + id, JsonNode.Parse(json), type);

    [Fact]
    public async Task Changes_apply_in_order()
    {
        using var admin = cloud.AdminClient();
        var id = await CreateAsync(admin, new JsonObject { ["name"] = "before", ["foo"] = "1", ["bar"] = "2" });
        var (status, body) = await PatchAsync(admin, id, """
            [{"op": "replace", "path": "/name", "value": "after"},
             {"op": "add", "path": "/foo", "value": "one"},
             {"op": "add", "path": "/new~1prop", "value": "x"},
             {"op": "remove", "path": "/bar"},
             {"op": "replace", "path": "/tags", "value": ["b", "a", "a"]},
             {"op": "replace", "path": "/min_ram", "value": 512},
             {"op": "replace", "path": "/protected", "value": true},
             {"op": "replace", "path": "/disk_format", "value": "qcow2"}]
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("after", body!["name"]!.GetValue<string>());
        Assert.Equal("one", body["foo"]!.GetValue<string>());
        Assert.Equal("x", body["new/prop"]!.GetValue<string>());
        Assert.Null(body["bar"]);
        Assert.Equal(["a", "b"], body["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(512, body["min_ram"]!.GetValue<int>());
        Assert.True(body["protected"]!.GetValue<bool>());
        (status, body) = await admin.CallAsync(HttpMethod.Get, "v2/images/" + id);
        Assert.Equal("qcow2", body!["disk_format"]!.GetValue<string>());

        (status, body) = await PatchAsync(admin, id, """{"replace": "/name", "value": "draft4"}""".Insert(0, "[") + "]", V20);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("draft4", body!["name"]!.GetValue<string>());
        (status, body) = await PatchAsync(admin, id, """[{"add": "/foo", "value": "again"}]""", V20);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Property foo already present.", body.Message());
    }

    [Theory]
    [InlineData("""{"a": 1}""", 400, "Request body must be a JSON array of operation objects.")]
    [InlineData("""[1]""", 400, "Operations must be JSON objects.")]
    [InlineData("""[{"path": "/name", "value": "x"}]""", 400, "Unable to find `op` in JSON Schema change. It must be one of the following: add, remove, replace.")]
    [InlineData("""[{"op": "move", "path": "/name"}]""", 400, "Invalid operation: `move`. It must be one of the following: add, remove, replace.")]
    [InlineData("""[{"op": "add", "value": "x"}]""", 400, "Unable to find 'path' in JSON Schema change")]
    [InlineData("""[{"op": "add", "path": "name", "value": "x"}]""", 400, "Pointer `name` does not start with \"/\".")]
    [InlineData("""[{"op": "add", "path": "/a//b", "value": "x"}]""", 400, "Pointer `/a//b` contains adjacent \"/\".")]
    [InlineData("""[{"op": "add", "path": "/a/", "value": "x"}]""", 400, "Pointer `/a/` end with \"/\".")]
    [InlineData("""[{"op": "add", "path": "/a~2", "value": "x"}]""", 400, "Pointer `/a~2` contains \"~\" not part of a recognized escape sequence.")]
    [InlineData("""[{"op": "add", "path": "/tags/-", "value": "x"}]""", 400, "Invalid JSON pointer for this resource: '/tags/-'")]
    [InlineData("""[{"op": "add", "path": "/name"}]""", 400, "Operation \"add\" requires a member named \"value\".")]
    [InlineData("""[{"op": "replace", "path": "/id", "value": "x"}]""", 403, "Attribute 'id' is read-only.")]
    [InlineData("""[{"op": "remove", "path": "/status"}]""", 403, "Attribute 'status' is read-only.")]
    [InlineData("""[{"op": "add", "path": "/os_glance_x", "value": "x"}]""", 403, "Attribute 'os_glance_x' is reserved.")]
    [InlineData("""[{"op": "add", "path": "/deleted_at", "value": "x"}]""", 403, "Attribute 'deleted_at' is reserved.")]
    [InlineData("""[{"op": "add", "path": "/foo", "value": 1}]""", 400, "Provided object does not match schema 'image': 1 is not of type 'string'")]
    [InlineData("""[{"op": "replace", "path": "/visibility", "value": "x"}]""", 400, "Provided object does not match schema 'image': 'x' is not one of")]
    [InlineData("""[{"op": "remove", "path": "/missing"}]""", 409, "Property missing does not exist.")]
    [InlineData("""[{"op": "replace", "path": "/missing", "value": "x"}]""", 409, "Property missing does not exist.")]
    [InlineData("""[{"op": "remove", "path": "/name"}]""", 403, "Property name may not be removed.")]
    [InlineData("""[{"op": "replace", "path": "/min_disk", "value": -5}]""", 400, "Invalid value '-5' for parameter 'min_disk': Cannot be a negative value")]
    [InlineData("""[{"op": "replace", "path": "/locations", "value": []}]""", 403, "Cannot set locations to empty list.")]
    [InlineData("""[{"op": "add", "path": "/locations/-", "value": {"url": "http://x", "metadata": {}}}]""", 403, "It's not allowed to add locations if locations are invisible.")]
    public async Task Bad_changes_are_refused(string json, int status, string message)
    {
        using var admin = cloud.AdminClient();
        var id = await CreateAsync(admin);
        var (code, body) = await PatchAsync(admin, id, json);
        Assert.Equal(status, (int)code);
        Assert.StartsWith(message, body.Message());
    }

    [Fact]
    public async Task Media_type_ownership_status_and_quota_rules()
    {
        using var admin = cloud.AdminClient();
        var id = await CreateAsync(admin, new JsonObject { ["visibility"] = "public" });
        using (var request = new HttpRequestMessage(HttpMethod.Patch, "v2/images/" + id) { Content = ImageCloud.Json(new JsonArray()) })
        using (var response = await admin.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("application/openstack-images-v2.0-json-patch, application/openstack-images-v2.1-json-patch", response.Headers.GetValues("Accept-Patch").Single());
            Assert.StartsWith("The request media type application/json", JsonNode.Parse(await response.Content.ReadAsStringAsync()).Message());
        }

        var (project, token) = await cloud.ProjectUserAsync();
        using var user = cloud.Client(token);
        var (status, body) = await PatchAsync(user, id, """[{"op": "replace", "path": "/name", "value": "mine"}]""");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("You do not own this image", body.Message());

        var own = await CreateAsync(user);
        (status, body) = await PatchAsync(user, own, """[{"op": "replace", "path": "/owner", "value": "x"}]""");
        Assert.Equal("Owner can't be updated by non admin.", body.Message());
        (status, body) = await PatchAsync(user, own, """[{"op": "replace", "path": "/visibility", "value": "public"}]""");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("You are not authorized to complete publicize_image action.", body.Message());
        (status, body) = await PatchAsync(user, own, """[{"op": "replace", "path": "/visibility", "value": "community"}]""");
        Assert.Equal(HttpStatusCode.OK, status);

        var props = new JsonArray();
        for (var i = 0; i < 129; i++) props.Add(new JsonObject { ["op"] = "add", ["path"] = "/p" + i, ["value"] = "v" });
        (status, body) = await user.CallAsync(HttpMethod.Patch, "v2/images/" + own, props, V21);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("The limit has been exceeded on the number of allowed image properties. Attempted: 129, Maximum: 128", body.Message());

        await using (var db = cloud.OpenDb())
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
                db.Images.Where(x => x.Id == own), u => u.SetProperty(x => x.Status, "active"));
        (status, body) = await PatchAsync(user, own, """[{"op": "replace", "path": "/disk_format", "value": "raw"}]""");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Attribute disk_format can be only replaced for a queued image.", body.Message());
        (status, _) = await PatchAsync(user, Guid.NewGuid().ToString(), "[]");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Concurrent_patches_all_apply()
    {
        using var admin = cloud.AdminClient();
        var id = await CreateAsync(admin);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            PatchAsync(admin, id, $$"""[{"op": "add", "path": "/k{{i}}", "value": "v"}]""")));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var (_, body) = await admin.CallAsync(HttpMethod.Get, "v2/images/" + id);
        for (var i = 0; i < 8; i++) Assert.Equal("v", body!["k" + i]!.GetValue<string>());
    }
}
