using System.Net;
using System.Text.Json.Nodes;
using SharpStack.Image.Tests.Api;

namespace SharpStack.Image.Tests.Metadefs;

/// <summary>The metadata definitions catalog: namespaces with their objects, properties, tags and resource types.</summary>
public sealed class MetadefsApiTests(ImageCloud cloud) : IClassFixture<ImageCloud>
{
    private static string NewName() => "ns-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_namespace_is_created_with_its_contents_shown_listed_and_deleted_once_unprotected()
    {
        using var admin = cloud.AdminClient();
        var ns = NewName();
        var (status, body) = await admin.CallAsync(HttpMethod.Post, "v2/metadefs/namespaces", new JsonObject
        {
            ["namespace"] = ns, ["visibility"] = "public", ["protected"] = true, ["display_name"] = "D",
            ["resource_type_associations"] = new JsonArray(new JsonObject { ["name"] = "OS::Glance::Image", ["prefix"] = "hw_" }),
            ["properties"] = new JsonObject { ["cpu"] = new JsonObject { ["title"] = "CPU", ["type"] = "integer", ["minimum"] = 1 } },
            ["objects"] = new JsonArray(new JsonObject { ["name"] = "o1" }),
            ["tags"] = new JsonArray(new JsonObject { ["name"] = "t1" }),
        });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(cloud.AdminProjectId, body!["owner"]!.GetValue<string>());
        Assert.Equal($"/v2/metadefs/namespaces/{ns}", body["self"]!.GetValue<string>());

        (status, body) = await admin.CallAsync(HttpMethod.Get, $"v2/metadefs/namespaces/{ns}?resource_type=OS::Glance::Image");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body!["properties"]!["hw_cpu"]);
        Assert.Equal("o1", body["objects"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("t1", body["tags"]![0]!["name"]!.GetValue<string>());

        (_, body) = await admin.CallAsync(HttpMethod.Get, "v2/metadefs/namespaces?resource_types=OS::Glance::Image&visibility=public");
        Assert.Contains(ns, body!["namespaces"]!.AsArray().Select(n => n!["namespace"]!.GetValue<string>()));

        (status, body) = await admin.CallAsync(HttpMethod.Delete, $"v2/metadefs/namespaces/{ns}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($"Metadata definition namespace {ns} is protected and cannot be deleted.", body.Message());

        (status, body) = await admin.CallAsync(HttpMethod.Put, $"v2/metadefs/namespaces/{ns}", new JsonObject { ["namespace"] = ns, ["protected"] = false });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("private", body!["visibility"]!.GetValue<string>());
        Assert.False(body["protected"]!.GetValue<bool>());
        (status, _) = await admin.CallAsync(HttpMethod.Delete, $"v2/metadefs/namespaces/{ns}");
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, body) = await admin.CallAsync(HttpMethod.Get, $"v2/metadefs/namespaces/{ns}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Metadata definition namespace={ns} was not found.", body.Message());
    }

    [Fact]
    public async Task Objects_properties_tags_and_associations_have_their_own_lifecycle()
    {
        using var admin = cloud.AdminClient();
        var ns = NewName();
        await admin.CallAsync(HttpMethod.Post, "v2/metadefs/namespaces", new JsonObject { ["namespace"] = ns });

        var (status, body) = await admin.CallAsync(HttpMethod.Post, $"v2/metadefs/namespaces/{ns}/objects", new JsonObject { ["name"] = "o" });
        Assert.Equal(HttpStatusCode.Created, status);
        (status, body) = await admin.CallAsync(HttpMethod.Put, $"v2/metadefs/namespaces/{ns}/objects/o", new JsonObject { ["name"] = "o2" });
        Assert.Equal("o2", body!["name"]!.GetValue<string>());
        (status, _) = await admin.CallAsync(HttpMethod.Post, $"v2/metadefs/namespaces/{ns}/objects", new JsonObject { ["name"] = "o2" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        (status, _) = await admin.CallAsync(HttpMethod.Delete, $"v2/metadefs/namespaces/{ns}/objects/o2");
        Assert.Equal(HttpStatusCode.NoContent, status);

        var property = new JsonObject { ["name"] = "p", ["title"] = "P", ["type"] = "string", ["enum"] = new JsonArray("a", "b") };
        (status, body) = await admin.CallAsync(HttpMethod.Post, $"v2/metadefs/namespaces/{ns}/properties", property);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("p", body!["name"]!.GetValue<string>());
        (_, body) = await admin.CallAsync(HttpMethod.Get, $"v2/metadefs/namespaces/{ns}/properties");
        Assert.Equal("P", body!["properties"]!["p"]!["title"]!.GetValue<string>());
        (status, _) = await admin.CallAsync(HttpMethod.Delete, $"v2/metadefs/namespaces/{ns}/properties/p");
        Assert.Equal(HttpStatusCode.NoContent, status);

        var tags = new JsonObject { ["tags"] = new JsonArray(new JsonObject { ["name"] = "a" }, new JsonObject { ["name"] = "b" }) };
        (status, body) = await admin.CallAsync(HttpMethod.Post, $"v2/metadefs/namespaces/{ns}/tags", tags);
        Assert.Equal(HttpStatusCode.Created, status);
        (status, _) = await admin.CallAsync(HttpMethod.Post, $"v2/metadefs/namespaces/{ns}/tags/A");
        Assert.Equal(HttpStatusCode.Conflict, status);
        (status, body) = await admin.CallAsync(HttpMethod.Put, $"v2/metadefs/namespaces/{ns}/tags/a", new JsonObject { ["name"] = "c" });
        Assert.Equal("c", body!["name"]!.GetValue<string>());
        (status, _) = await admin.CallAsync(HttpMethod.Delete, $"v2/metadefs/namespaces/{ns}/tags");
        Assert.Equal(HttpStatusCode.NoContent, status);
        (_, body) = await admin.CallAsync(HttpMethod.Get, $"v2/metadefs/namespaces/{ns}/tags");
        Assert.Empty(body!["tags"]!.AsArray());

        (_, body) = await admin.CallAsync(HttpMethod.Get, "v2/metadefs/resource_types");
        Assert.Contains("OS::Nova::Flavor", body!["resource_types"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()));
        (status, _) = await admin.CallAsync(HttpMethod.Post, $"v2/metadefs/namespaces/{ns}/resource_types", new JsonObject { ["name"] = "OS::Nova::Flavor" });
        Assert.Equal(HttpStatusCode.Created, status);
        (status, _) = await admin.CallAsync(HttpMethod.Post, $"v2/metadefs/namespaces/{ns}/resource_types", new JsonObject { ["name"] = "OS::Nova::Flavor" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        (status, _) = await admin.CallAsync(HttpMethod.Delete, $"v2/metadefs/namespaces/{ns}/resource_types/OS::Nova::Flavor");
        Assert.Equal(HttpStatusCode.NoContent, status);
        (status, body) = await admin.CallAsync(HttpMethod.Delete, $"v2/metadefs/namespaces/{ns}/resource_types/OS::Nova::Flavor");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Failed to find resource type OS::Nova::Flavor to delete", body.Message());
        await admin.CallAsync(HttpMethod.Delete, $"v2/metadefs/namespaces/{ns}");
    }

    [Theory]
    [InlineData("POST", "v2/metadefs/namespaces", "{}", 400)]
    [InlineData("POST", "v2/metadefs/namespaces", "{\"namespace\": 5}", 400)]
    [InlineData("POST", "v2/metadefs/namespaces", "{\"namespace\": \"x\", \"created_at\": \"now\"}", 403)]
    [InlineData("POST", "v2/metadefs/namespaces", "{\"namespace\": \"x\", \"visibility\": \"shared\"}", 400)]
    [InlineData("POST", "v2/metadefs/namespaces", "{\"namespace\": \"x\", \"bogus\": 1}", 400)]
    [InlineData("POST", "v2/metadefs/namespaces", "not json", 400)]
    [InlineData("POST", "v2/metadefs/namespaces", "[1]", 400)]
    [InlineData("POST", "v2/metadefs/namespaces", "{\"namespace\": \"x\", \"properties\": {\"p\": {\"title\": \"t\"}}}", 400)]
    [InlineData("GET", "v2/metadefs/namespaces?limit=abc", null, 400)]
    [InlineData("GET", "v2/metadefs/namespaces?limit=-1", null, 400)]
    [InlineData("GET", "v2/metadefs/namespaces?sort_dir=up", null, 400)]
    [InlineData("GET", "v2/metadefs/namespaces?sort_key=nope", null, 400)]
    [InlineData("GET", "v2/metadefs/namespaces?visibility=shared", null, 400)]
    [InlineData("GET", "v2/metadefs/namespaces?marker=missing-ns", null, 404)]
    [InlineData("GET", "v2/metadefs/namespaces/missing-ns/objects", null, 404)]
    [InlineData("GET", "v2/metadefs/namespaces/missing-ns/tags", null, 404)]
    [InlineData("POST", "v2/metadefs/namespaces/missing-ns/properties", "{\"name\": \"p\", \"title\": \"t\", \"type\": \"string\"}", 404)]
    [InlineData("PUT", "v2/metadefs/namespaces/missing-ns", "{\"namespace\": \"x\"}", 404)]
    [InlineData("PATCH", "v2/metadefs/namespaces/missing-ns", "{}", 405)]
    public async Task Bad_requests_are_refused_with_glance_statuses(string method, string path, string? body, int expected)
    {
        using var admin = cloud.AdminClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await admin.SendAsync(request);
        Assert.Equal(expected, (int)response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(json!["message"]);
    }

    [Fact]
    public async Task Members_read_public_namespaces_only_and_change_nothing()
    {
        using var admin = cloud.AdminClient();
        var (_, token) = await cloud.ProjectUserAsync();
        using var member = cloud.Client(token);
        var (publicNs, privateNs) = (NewName(), NewName());
        await admin.CallAsync(HttpMethod.Post, "v2/metadefs/namespaces", new JsonObject { ["namespace"] = publicNs, ["visibility"] = "public" });
        await admin.CallAsync(HttpMethod.Post, "v2/metadefs/namespaces", new JsonObject { ["namespace"] = privateNs });

        var (status, body) = await member.CallAsync(HttpMethod.Get, "v2/metadefs/namespaces?limit=1000");
        Assert.Equal(HttpStatusCode.OK, status);
        var names = body!["namespaces"]!.AsArray().Select(n => n!["namespace"]!.GetValue<string>()).ToList();
        Assert.Contains(publicNs, names);
        Assert.DoesNotContain(privateNs, names);
        (status, _) = await member.CallAsync(HttpMethod.Get, $"v2/metadefs/namespaces/{privateNs}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        (status, body) = await member.CallAsync(HttpMethod.Post, "v2/metadefs/namespaces", new JsonObject { ["namespace"] = NewName() });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("You are not authorized to complete add_metadef_namespace action.", body.Message());
        (status, body) = await member.CallAsync(HttpMethod.Delete, $"v2/metadefs/namespaces/{publicNs}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        (status, _) = await admin.CallAsync(HttpMethod.Post, "v2/metadefs/namespaces", new JsonObject { ["namespace"] = publicNs });
        Assert.Equal(HttpStatusCode.Conflict, status);
        await admin.CallAsync(HttpMethod.Delete, $"v2/metadefs/namespaces/{publicNs}");
        await admin.CallAsync(HttpMethod.Delete, $"v2/metadefs/namespaces/{privateNs}");
    }

    [Theory]
    [InlineData("namespace", "namespace")]
    [InlineData("namespaces", "namespaces")]
    [InlineData("resource_type", "resource_type_association")]
    [InlineData("resource_types", "resource_type_associations")]
    [InlineData("object", "object")]
    [InlineData("objects", "objects")]
    [InlineData("property", "property")]
    [InlineData("properties", "properties")]
    [InlineData("tag", "tag")]
    [InlineData("tags", "tags")]
    public async Task Schemas_are_served_as_glance_names_them(string path, string name)
    {
        using var admin = cloud.AdminClient();
        var (status, body) = await admin.CallAsync(HttpMethod.Get, "v2/schemas/metadefs/" + path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(name, body!["name"]!.GetValue<string>());
    }
}
