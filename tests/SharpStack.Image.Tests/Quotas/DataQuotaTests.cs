using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;
using SharpStack.Image.Stores;
using SharpStack.Image.Stores.File;
using SharpStack.Image.Tests.Api;
using SharpStack.Image.Tests.Data;

namespace SharpStack.Image.Tests.Quotas;

/// <summary>A body sent chunked (no Content-Length), as a client streaming data of unknown size does.</summary>
internal sealed class ChunkedContent(byte[] data) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        for (var i = 0; i < data.Length; i += 512) await stream.WriteAsync(data.AsMemory(i, Math.Min(512, data.Length - i)));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <summary>user_storage_quota (1 KiB) on PUT /file: refused before writing when the declared size is too large,
/// while writing when an unknown size goes past it; the image stays queued and no data is left in the store.</summary>
public sealed class StorageQuotaUploadTests(StorageQuotaCloud cloud) : IClassFixture<StorageQuotaCloud>
{
    private FileStore Store => (FileStore)cloud.ImageServices.GetRequiredService<ImageStores>().Default;

    private string[] StoreFiles(string imageId) => Directory.Exists(Store.Directory)
        ? Directory.GetFiles(Store.Directory, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f).Contains(imageId)).ToArray()
        : [];

    [Fact]
    public async Task Uploads_over_the_quota_are_refused_and_leave_nothing()
    {
        var (_, token) = await cloud.ProjectUserAsync();
        using var client = cloud.Client(token);

        // Declared too large: refused before any byte is written.
        var id = await client.CreateImageAsync();
        using (var put = await client.PutDataAsync($"v2/images/{id}/file", DataCalls.RandomBytes(2000)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
            Assert.Equal("Image exceeds the storage quota: The size of the data 2000 will exceed the limit. 1024 bytes remaining.", await MessageAsync(put));
        }
        Assert.Equal("queued", (await client.ImageAsync(id)).S("status"));
        Assert.Empty(StoreFiles(id));

        // Within the quota: stored.
        var kept = await client.CreateImageAsync();
        using (var put = await client.PutDataAsync($"v2/images/{kept}/file", DataCalls.RandomBytes(600)))
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("active", (await client.ImageAsync(kept)).S("status"));

        // The stored image counts against the next one.
        using (var put = await client.PutDataAsync($"v2/images/{id}/file", DataCalls.RandomBytes(500)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
            Assert.Equal("Image exceeds the storage quota: The size of the data 500 will exceed the limit. 424 bytes remaining.", await MessageAsync(put));
        }

        // Unknown size: the stream is stopped once it goes past what is left, with Glance's unformatted message.
        using (var request = new HttpRequestMessage(HttpMethod.Put, $"v2/images/{id}/file") { Content = new ChunkedContent(DataCalls.RandomBytes(3000)) })
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
            using var put = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
            Assert.Equal("Image exceeds the storage quota: The size of the data %(image_size)s will exceed the limit. %(remaining)s bytes remaining.", await MessageAsync(put));
        }
        var image = await client.ImageAsync(id);
        Assert.Equal("queued", image.S("status"));
        Assert.Null(image["size"]?.GetValue<long?>());
        Assert.Empty(StoreFiles(id));

        // What fits still goes in afterwards.
        using (var put = await client.PutDataAsync($"v2/images/{id}/file", DataCalls.RandomBytes(424)))
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal("active", (await client.ImageAsync(id)).S("status"));

        // Usage is reported only for unified limits.
        var (status, usage) = await client.CallAsync(HttpMethod.Get, "v2/info/usage");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"usage":{}}""", usage!.ToJsonString());
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text).Message();
    }
}

/// <summary>Unified limits on the data paths: image_size_total on PUT /file and in a glance-direct import,
/// image_stage_total and image_count_uploading on PUT /stage, and GET /v2/info/usage.</summary>
public sealed class DataQuotaTests(LimitsCloud cloud) : IClassFixture<LimitsCloud>
{
    private const string Breached = "The request returned a 413 Request Entity Too Large. This generally means that rate limiting or a quota threshold was breached.\n\nThe response body:\n";
    private const int MiB = 1024 * 1024;

    private LimitsCloud Cloud => cloud;

    private ImageStores Stores => Cloud.ImageServices.GetRequiredService<ImageStores>();

    [Fact]
    public async Task Upload_is_refused_once_the_project_is_over_image_size_total()
    {
        await Cloud.RegisterDefaultsAsync();
        var (project, token) = await Cloud.ProjectUserAsync();
        using var client = Cloud.Client(token);
        // At 0 MiB of 1 the first upload is allowed whatever its size (delta 0; user_storage_quota "1B" is ignored).
        var first = await client.CreateImageAsync();
        using (var put = await client.PutDataAsync($"v2/images/{first}/file", DataCalls.RandomBytes(2 * MiB)))
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        var second = await client.CreateImageAsync();
        using (var put = await client.PutDataAsync($"v2/images/{second}/file", DataCalls.RandomBytes(1000)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
            Assert.Equal(Breached + $"Project {project} is over a limit for [Resource image_size_total is over limit of 1 due to current usage 2 and delta 0]",
                JsonNode.Parse(await put.Content.ReadAsStringAsync()).Message());
        }
        Assert.Equal("queued", (await client.ImageAsync(second)).S("status"));
        Assert.False(File.Exists(((FileStore)Stores.Default).PathOf(second)));

        var (status, usage) = await client.CallAsync(HttpMethod.Get, "v2/info/usage");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, usage!["usage"]!["image_size_total"]!["usage"]!.GetValue<long>());
        Assert.Equal(2, usage["usage"]!["image_count_total"]!["usage"]!.GetValue<long>());
    }

    [Fact]
    public async Task Staging_is_refused_over_image_stage_total_and_image_count_uploading()
    {
        await Cloud.RegisterDefaultsAsync();
        var (project, token) = await Cloud.ProjectUserAsync();
        await Cloud.SetProjectLimitAsync(project, "image_count_total", 5);
        using var client = Cloud.Client(token);
        var staged = await client.CreateImageAsync();
        using (var put = await client.PutDataAsync($"v2/images/{staged}/stage", DataCalls.RandomBytes(2 * MiB)))
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);

        // 2 MiB staged of 1: the next stage is refused before the image is touched.
        var other = await client.CreateImageAsync();
        using (var put = await client.PutDataAsync($"v2/images/{other}/stage", DataCalls.RandomBytes(1000)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
            Assert.Equal(Breached + $"Project {project} is over a limit for [Resource image_stage_total is over limit of 1 due to current usage 2 and delta 0]",
                JsonNode.Parse(await put.Content.ReadAsStringAsync()).Message());
        }
        Assert.Equal("queued", (await client.ImageAsync(other)).S("status"));

        // With room in staging, two images uploading is over image_count_uploading (1): back to queued, nothing staged.
        await Cloud.SetProjectLimitAsync(project, "image_stage_total", 10);
        using (var put = await client.PutDataAsync($"v2/images/{other}/stage", DataCalls.RandomBytes(1000)))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
            Assert.Equal(Breached + $"Project {project} is over a limit for [Resource image_count_uploading is over limit of 1 due to current usage 2 and delta 0]",
                JsonNode.Parse(await put.Content.ReadAsStringAsync()).Message());
        }
        Assert.Equal("queued", (await client.ImageAsync(other)).S("status"));
        Assert.False(File.Exists(Stores.Staging.PathOf(other)));
        Assert.True(File.Exists(Stores.Staging.PathOf(staged)));

        // The glance-direct import of the staged 2 MiB would take image_size_total past 1: the task fails, the image
        // goes back to queued and the staged data is dropped.
        var (accepted, _) = await client.CallAsync(HttpMethod.Post, $"v2/images/{staged}/import", new JsonObject { ["method"] = new JsonObject { ["name"] = "glance-direct" } });
        Assert.Equal(HttpStatusCode.Accepted, accepted);
        await client.WaitForAsync(staged, i => i.S("status") == "queued");
        using (var db = Cloud.OpenDb())
        {
            var task = await WaitForTaskAsync(db, staged);
            Assert.Equal("failure", task.Status);
            Assert.Equal(Breached + $"Project {project} is over a limit for [Resource image_size_total is over limit of 1 due to current usage 0 and delta 2]", task.Message);
        }
        Assert.False(File.Exists(Stores.Staging.PathOf(staged)));
    }

    [Fact]
    public async Task Usage_reports_each_limit_in_glance_shape()
    {
        await Cloud.RegisterDefaultsAsync();
        var (project, token) = await Cloud.ProjectUserAsync();
        await Cloud.SetProjectLimitAsync(project, "image_count_total", 7);
        using var client = Cloud.Client(token);
        await client.CreateImageAsync();
        var (status, body) = await client.CallAsync(HttpMethod.Get, "v2/info/usage");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"usage":{"image_size_total":{"usage":0,"limit":1},"image_stage_total":{"usage":0,"limit":1},"image_count_total":{"usage":1,"limit":7},"image_count_uploading":{"usage":0,"limit":1}}}""",
            body!.ToJsonString());

        using var anonymous = Cloud.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.CallAsync(HttpMethod.Get, "v2/info/usage")).Status);
    }

    private static async Task<TaskRow> WaitForTaskAsync(ImageDb db, string imageId)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            db.ChangeTracker.Clear();
            var task = await db.Tasks.FirstOrDefaultAsync(t => t.ImageId == imageId);
            if (task is { Status: "success" or "failure" }) return task;
            if (DateTime.UtcNow > until) throw new TimeoutException("the import task never finished");
            await Task.Delay(50);
        }
    }
}
