using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Image.Stores;
using SharpStack.Image.Stores.File;
using SharpStack.Image.Tests.Api;
using SharpStack.Image.Tests.Data;

namespace SharpStack.Image.Tests.Import;

/// <summary>Two file stores (fast, the default, and cheap) and a local web server web-download may fetch from.</summary>
public sealed class MultiStoreCloud : ImageCloud, IAsyncLifetime
{
    private WebApplication? _web;

    public MultiStoreCloud()
    {
        WebPort = FreePort();
        Settings["SHARPSTACK_IMAGE__ENABLED_BACKENDS"] = "fast:file,cheap:file";
        Settings["SHARPSTACK_GLANCE_STORE__DEFAULT_BACKEND"] = "fast";
        Settings["SHARPSTACK_IMPORT_FILTERING_OPTS__ALLOWED_HOSTS"] = "127.0.0.1";
        Settings["SHARPSTACK_IMPORT_FILTERING_OPTS__ALLOWED_PORTS"] = WebPort.ToString();
    }

    public int WebPort { get; }

    public byte[] WebData { get; } = DataCalls.RandomBytes(300_000);

    public string WebUrl(string path) => $"http://127.0.0.1:{WebPort}/{path}";

    public new async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, WebPort));
        _web = builder.Build();
        _web.MapGet("/image.raw", () => Results.Bytes(WebData, "application/octet-stream"));
        _web.MapGet("/redirect-ok", () => Results.Redirect("/image.raw"));
        _web.MapGet("/redirect-out", () => Results.Redirect("http://127.0.0.1:1/image.raw"));
        _web.MapGet("/missing", () => Results.NotFound());
        await _web.StartAsync();
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_web is not null) await _web.DisposeAsync();
    }
}

/// <summary>Interoperable import (glance-direct, web-download, copy-image), discovery and the task records.</summary>
public sealed class ImportTests(MultiStoreCloud cloud) : IClassFixture<MultiStoreCloud>
{
    private static JsonObject Method(string name, string? uri = null)
    {
        var m = new JsonObject { ["name"] = name };
        if (uri is not null) m["uri"] = uri;
        return new JsonObject { ["method"] = m };
    }

    private FileStore StoreOf(string id) => (FileStore)cloud.ImageServices.GetRequiredService<ImageStores>().Find(id)!;

    [Fact]
    public async Task Glance_direct_stages_then_imports_into_the_default_store()
    {
        using var client = cloud.AdminClient();
        var id = await client.CreateImageAsync();
        var data = DataCalls.RandomBytes(123_456);
        using (var stage = await client.PutDataAsync($"v2/images/{id}/stage", data))
            Assert.Equal(HttpStatusCode.NoContent, stage.StatusCode);
        var image = await client.ImageAsync(id);
        Assert.Equal("uploading", image.S("status"));
        Assert.Equal(data.Length, image["size"]!.GetValue<long>());
        var staged = cloud.ImageServices.GetRequiredService<ImageStores>().Staging.PathOf(id);
        Assert.True(File.Exists(staged));

        var (status, _) = await client.CallAsync(HttpMethod.Post, $"v2/images/{id}/import", Method("glance-direct"));
        Assert.Equal(HttpStatusCode.Accepted, status);
        image = await client.WaitForAsync(id, i => i.S("status") == "active" && i["os_glance_import_task"] is null);
        Assert.Equal(DataCalls.Md5(data), image.S("checksum"));
        Assert.Equal(DataCalls.Sha512(data), image.S("os_hash_value"));
        Assert.Equal("fast", image.S("stores"));
        Assert.Equal("", image.S("os_glance_importing_to_stores"));
        Assert.Equal("", image.S("os_glance_failed_import"));
        Assert.False(File.Exists(staged));
        Assert.True(File.Exists(StoreOf("fast").PathOf(id)));
        using (var get = await client.GetAsync($"v2/images/{id}/file"))
            Assert.Equal(data, await get.Content.ReadAsByteArrayAsync());

        // The task is recorded, with upstream's fields.
        (status, var tasks) = await client.CallAsync(HttpMethod.Get, $"v2/images/{id}/tasks");
        Assert.Equal(HttpStatusCode.OK, status);
        var task = tasks!["tasks"]![0]!;
        Assert.Equal("api_image_import", task.S("type"));
        Assert.Equal("success", task.S("status"));
        Assert.Equal(id, task["result"]!.S("image_id"));
        Assert.Equal("glance-direct", task["input"]!["import_req"]!["method"]!.S("name"));
        (status, var full) = await client.CallAsync(HttpMethod.Get, "v2/tasks/" + task.S("id"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/v2/tasks/" + task.S("id"), full!.S("self"));
        Assert.EndsWith("Z", full.S("expires_at"));
        (status, var list) = await client.CallAsync(HttpMethod.Get, "v2/tasks");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(list!["tasks"]!.AsArray(), t => t!.S("id") == task.S("id"));

        // Wrong state for a second import, and a second stage.
        (status, var body) = await client.CallAsync(HttpMethod.Post, $"v2/images/{id}/import", Method("glance-direct"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("Image with status active cannot be target for import", body.Message());
    }

    [Fact]
    public async Task Web_download_fetches_the_url_following_allowed_redirects()
    {
        using var client = cloud.AdminClient();
        var id = await client.CreateImageAsync();
        var (status, _) = await client.CallAsync(HttpMethod.Post, $"v2/images/{id}/import", Method("web-download", cloud.WebUrl("redirect-ok")));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var image = await client.WaitForAsync(id, i => i.S("status") == "active" && i["os_glance_import_task"] is null);
        Assert.Equal(DataCalls.Md5(cloud.WebData), image.S("checksum"));
        Assert.Equal(cloud.WebData.Length, image["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task Web_download_refuses_filtered_urls_and_fails_on_redirects_to_them()
    {
        using var client = cloud.AdminClient();
        var id = await client.CreateImageAsync();
        foreach (var uri in new[] { "http://127.0.0.1:81/image.raw", "ftp://127.0.0.1/image.raw", $"http://localhost:{cloud.WebPort}/image.raw", "not a url" })
        {
            var (status, body) = await client.CallAsync(HttpMethod.Post, $"v2/images/{id}/import", Method("web-download", uri));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains($"URI for web-download does not pass filtering: {uri}", body.Message());
        }
        Assert.Equal("queued", (await client.ImageAsync(id)).S("status"));

        var (accepted, _) = await client.CallAsync(HttpMethod.Post, $"v2/images/{id}/import", Method("web-download", cloud.WebUrl("redirect-out")));
        Assert.Equal(HttpStatusCode.Accepted, accepted);
        var image = await client.WaitForAsync(id, i => i.S("status") == "queued" && i["os_glance_import_task"] is null);
        Assert.Equal("fast", image.S("os_glance_failed_import"));
        var (_, tasks) = await client.CallAsync(HttpMethod.Get, $"v2/images/{id}/tasks");
        var task = tasks!["tasks"]![0]!;
        Assert.Equal("failure", task.S("status"));
        Assert.Contains("Redirect to disallowed URL: http://127.0.0.1:1/image.raw", task.S("message"));
        Assert.Empty(Directory.GetFiles(cloud.ImageServices.GetRequiredService<ImageStores>().Staging.Directory));
    }

    [Fact]
    public async Task Copy_image_adds_the_data_to_another_store_for_admins()
    {
        using var client = cloud.AdminClient();
        var id = await client.CreateImageAsync();
        var data = DataCalls.RandomBytes(10_000);
        using (var put = await client.PutDataAsync($"v2/images/{id}/file", data))
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("fast", (await client.ImageAsync(id)).S("stores"));

        var request = Method("copy-image");
        request["stores"] = new JsonArray("fast");
        var (status, body) = await client.CallAsync(HttpMethod.Post, $"v2/images/{id}/import", request);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Image is already present at store 'fast'", body.Message());

        request = Method("copy-image");
        request["stores"] = new JsonArray("nowhere");
        (status, body) = await client.CallAsync(HttpMethod.Post, $"v2/images/{id}/import", request);
        Assert.Equal(HttpStatusCode.Conflict, status);

        request = Method("copy-image");
        request["all_stores"] = true;
        (status, _) = await client.CallAsync(HttpMethod.Post, $"v2/images/{id}/import", request);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var image = await client.WaitForAsync(id, i => i.S("stores").Split(',').Length == 2 && i["os_glance_import_task"] is null);
        Assert.Equal("active", image.S("status"));
        Assert.Equal(data, await File.ReadAllBytesAsync(StoreOf("cheap").PathOf(id)));

        // Not for members of the owning project.
        var (_, token) = await cloud.ProjectUserAsync();
        using var member = cloud.Client(token);
        var own = await member.CreateImageAsync();
        using (var put = await member.PutDataAsync($"v2/images/{own}/file", [1, 2, 3]))
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        request = Method("copy-image");
        request["stores"] = new JsonArray("cheap");
        (status, body) = await member.CallAsync(HttpMethod.Post, $"v2/images/{own}/import", request);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("You are not authorized to complete copy_image action.", body.Message());

        // Deleting the image removes the data from both stores.
        (status, _) = await client.CallAsync(HttpMethod.Delete, "v2/images/" + id);
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.False(File.Exists(StoreOf("fast").PathOf(id)));
        Assert.False(File.Exists(StoreOf("cheap").PathOf(id)));
    }

    [Fact]
    public async Task Uploads_go_to_the_store_the_header_names()
    {
        using var client = cloud.AdminClient();
        var id = await client.CreateImageAsync();
        using (var bad = await client.PutDataAsync($"v2/images/{id}/file", [1], headers: new Dictionary<string, string> { ["X-Image-Meta-Store"] = "nowhere" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("Unknown scheme 'nowhere' found in URI", System.Text.Json.Nodes.JsonNode.Parse(await bad.Content.ReadAsStringAsync()).Message());
        }
        using (var put = await client.PutDataAsync($"v2/images/{id}/file", [1], headers: new Dictionary<string, string> { ["X-Image-Meta-Store"] = "cheap" }))
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("cheap", (await client.ImageAsync(id)).S("stores"));
    }

    [Fact]
    public async Task Import_requests_are_validated_as_upstream()
    {
        using var client = cloud.AdminClient();
        var id = await client.CreateImageAsync();
        async Task Refused(JsonNode body, HttpStatusCode expected, string message)
        {
            var (status, answer) = await client.CallAsync(HttpMethod.Post, $"v2/images/{id}/import", body);
            Assert.Equal(expected, status);
            Assert.Contains(message, answer.Message());
        }
        await Refused(new JsonObject(), HttpStatusCode.BadRequest, "Import request requires a 'method' field.");
        await Refused(new JsonObject { ["method"] = new JsonObject() }, HttpStatusCode.BadRequest, "Import request requires a 'name' field.");
        await Refused(Method("glance-download"), HttpStatusCode.BadRequest, "Unknown import method name 'glance-download'.");
        var bad = Method("glance-direct");
        bad["all_stores"] = "yes";
        await Refused(bad, HttpStatusCode.BadRequest, "'all_stores' must be boolean value only");
        await Refused(Method("glance-direct"), HttpStatusCode.Conflict, "Image needs to be staged before 'glance-direct' method can be used");
        await Refused(Method("copy-image"), HttpStatusCode.Conflict, "Only images with status active can be targeted for copying");
        var noFormats = await client.CreateImageAsync(null, null);
        var (status, answer) = await client.CallAsync(HttpMethod.Post, $"v2/images/{noFormats}/import", Method("web-download", cloud.WebUrl("image.raw")));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("'container_format' needs to be set before import", answer.Message());
    }

    [Fact]
    public async Task Discovery_lists_methods_and_stores_with_details_for_admins()
    {
        using var client = cloud.AdminClient();
        var (status, body) = await client.CallAsync(HttpMethod.Get, "v2/info/import");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"import-methods":{"description":"Import methods available.","type":"array","value":["glance-direct","web-download","copy-image"]}}""", body!.ToJsonString());
        (status, body) = await client.CallAsync(HttpMethod.Get, "v2/info/stores");
        Assert.Equal("""{"stores":[{"id":"fast","default":"true"},{"id":"cheap"}]}""", body!.ToJsonString());
        (status, body) = await client.CallAsync(HttpMethod.Get, "v2/info/stores/detail");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("file", body!["stores"]![1]!.S("type"));
        Assert.EndsWith("cheap", body["stores"]![1]!["properties"]!.S("data_dir"));

        var (_, token) = await cloud.ProjectUserAsync();
        using var member = cloud.Client(token);
        (status, body) = await member.CallAsync(HttpMethod.Get, "v2/info/stores/detail");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        (status, body) = await member.CallAsync(HttpMethod.Get, "v2/tasks");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("You are not authorized to complete tasks_api_access action.", body.Message());
    }
}
