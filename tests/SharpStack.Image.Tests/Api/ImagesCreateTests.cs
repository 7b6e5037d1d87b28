using System.Net;
using System.Text.Json.Nodes;

namespace SharpStack.Image.Tests.Api;

/// <summary>POST /v2/images: Glance's refusals in its order, and the 201 answer's headers.</summary>
public sealed class ImagesCreateTests(ImageCloud cloud) : IClassFixture<ImageCloud>
{
    private static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    [Theory]
    [InlineData("""{"self": "x"}""", 403, "Attribute 'self' is read-only.")]
    [InlineData("""{"stores": "x"}""", 403, "Attribute 'stores' is read-only.")]
    [InlineData("""{"status": "active"}""", 403, "Attribute 'status' is read-only.")]
    [InlineData("""{"size": 1}""", 403, "Attribute 'size' is read-only.")]
    [InlineData("""{"deleted": "x"}""", 403, "Attribute 'deleted' is reserved.")]
    [InlineData("""{"os_glance_foo": "x"}""", 403, "Attribute 'os_glance_foo' is reserved.")]
    [InlineData("""{"locations": []}""", 403, "Attribute 'locations' is reserved.")]
    [InlineData("""{"min_ram": -1}""", 400, "Invalid value '-1' for parameter 'min_ram': Cannot be a negative value")]
    [InlineData("""{"min_disk": 3000000000}""", 400, "'min_disk' value out of range, must not exceed 2147483647.")]
    [InlineData("""{"id": "not-a-uuid"}""", 400, "Provided object does not match schema 'image': 'not-a-uuid' does not match")]
    [InlineData("""{"disk_format": "xyz"}""", 400, "Provided object does not match schema 'image': 'xyz' is not one of [None, 'ami', 'ari', 'aki', 'vhd', 'vhdx', 'vmdk', 'raw', 'qcow2', 'vdi', 'iso', 'ploop']\n\nFailed validating 'enum' in schema['properties']['disk_format']")]
    [InlineData("""{"container_format": "tar"}""", 400, "'tar' is not one of [None, 'ami', 'ari', 'aki', 'bare', 'ovf', 'ova', 'docker', 'compressed']")]
    [InlineData("""{"foo": 1}""", 400, "Provided object does not match schema 'image': 1 is not of type 'string'")]
    [InlineData("""{"min_ram": "1"}""", 400, "'1' is not of type 'integer'")]
    [InlineData("""{"visibility": "secret"}""", 400, "'secret' is not one of ['community', 'public', 'private', 'shared']")]
    [InlineData("""{"tags": [1]}""", 400, "1 is not of type 'string'")]
    [InlineData("""{"kernel_id": "nope"}""", 400, "'nope' does not match")]
    public async Task Bad_bodies_are_refused_with_glance_texts(string json, int status, string message)
    {
        using var client = cloud.AdminClient();
        var (code, body) = await client.CallAsync(HttpMethod.Post, "v2/images", Body(json));
        Assert.Equal(status, (int)code);
        Assert.Contains(message, body.Message());
    }

    [Fact]
    public async Task Body_shape_errors()
    {
        using var client = cloud.AdminClient();
        foreach (var (text, message) in new[]
        {
            ("", "Body expected in request."), ("{", "Malformed JSON in request body."), ("1", "Unexpected body type. Expected list/dict."),
            ("[]", "Provided object does not match schema 'image': [] is not of type 'object'"),
        })
        {
            using var response = await client.PostAsync("v2/images", new StringContent(text, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, JsonNode.Parse(await response.Content.ReadAsStringAsync()).Message());
        }
    }

    [Fact]
    public async Task Long_custom_property_key_and_quotas()
    {
        using var client = cloud.AdminClient();
        var (status, body) = await client.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { [new string('k', 256)] = "v" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Custom property should not be greater than 255 characters.", body.Message());

        var props = new JsonObject();
        for (var i = 0; i < 129; i++) props["p" + i] = "v";
        (status, body) = await client.CallAsync(HttpMethod.Post, "v2/images", props);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("The limit has been exceeded on the number of allowed image properties. Attempted: 129, Maximum: 128", body.Message());

        var tags = new JsonArray();
        for (var i = 0; i < 129; i++) tags.Add("t" + i);
        (status, body) = await client.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["tags"] = tags });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("The limit has been exceeded on the number of allowed image tags. Attempted: 129, Maximum: 128", body.Message());
    }

    [Fact]
    public async Task Client_chosen_id_headers_and_duplicates()
    {
        using var client = cloud.AdminClient();
        var id = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/images") { Content = ImageCloud.Json(new JsonObject { ["id"] = id, ["name"] = "chosen", ["tags"] = new JsonArray("a", "a", "b") }) };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(new Uri(cloud.ImageUri, "v2/images/" + id), response.Headers.Location);
        Assert.Equal("glance-direct,web-download,copy-image", response.Headers.GetValues("OpenStack-image-import-methods").Single());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(["a", "b"], body["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Order());

        var (status, error) = await client.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["id"] = id });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal($"Image ID {id} already exists!", error.Message());
    }

    [Fact]
    public async Task Owner_and_visibility_rules_for_members()
    {
        var (project, token) = await cloud.ProjectUserAsync();
        using var user = cloud.Client(token);
        var (status, body) = await user.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["owner"] = "someone-else" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("You are not permitted to create images owned by 'someone-else'.", body.Message());

        (status, body) = await user.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["visibility"] = "public" });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("You are not authorized to complete publicize_image action.", body.Message());

        (status, body) = await user.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["visibility"] = "community", ["owner"] = project, ["os_hash_algo"] = "md5" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("community", body!["visibility"]!.GetValue<string>());
        Assert.Null(body["os_hash_algo"]);

        using var admin = cloud.AdminClient();
        (status, body) = await admin.CallAsync(HttpMethod.Post, "v2/images", new JsonObject { ["owner"] = project, ["visibility"] = "public" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(project, body!["owner"]!.GetValue<string>());
    }
}
