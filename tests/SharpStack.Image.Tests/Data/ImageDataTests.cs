using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Image.Data;
using SharpStack.Image.Stores;
using SharpStack.Image.Stores.File;
using SharpStack.Image.Tests.Api;

namespace SharpStack.Image.Tests.Data;

/// <summary>A cloud whose images may be at most 100 KiB.</summary>
public sealed class SmallCapCloud : ImageCloud
{
    public SmallCapCloud() => Settings["SHARPSTACK_IMAGE__IMAGE_SIZE_CAP"] = "102400";
}

/// <summary>PUT/GET /v2/images/{id}/file end to end, and what failures leave behind.</summary>
public sealed class ImageDataTests(SmallCapCloud cloud) : IClassFixture<SmallCapCloud>
{
    private FileStore Store => (FileStore)cloud.ImageServices.GetRequiredService<ImageStores>().Default;

    private string[] StoreFiles() => Directory.Exists(Store.Directory) ? Directory.GetFiles(Store.Directory, "*", SearchOption.AllDirectories) : [];

    [Fact]
    public async Task Upload_then_download_round_trips_with_checksums_and_ranges()
    {
        using var client = cloud.AdminClient();
        var id = await client.CreateImageAsync();
        var data = DataCalls.RandomBytes(70_000);
        using (var put = await client.PutDataAsync($"v2/images/{id}/file", data))
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        var image = await client.ImageAsync(id);
        Assert.Equal("active", image.S("status"));
        Assert.Equal(data.Length, image["size"]!.GetValue<long>());
        Assert.Equal(DataCalls.Md5(data), image.S("checksum"));
        Assert.Equal("sha512", image.S("os_hash_algo"));
        Assert.Equal(DataCalls.Sha512(data), image.S("os_hash_value"));

        using (var get = await client.GetAsync($"v2/images/{id}/file"))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal("application/octet-stream", get.Content.Headers.ContentType!.MediaType);
            Assert.Equal(data.Length, get.Content.Headers.ContentLength);
            Assert.Equal(DataCalls.Md5(data), get.Headers.TryGetValues("Content-MD5", out var md5) ? md5.Single() : get.Content.Headers.GetValues("Content-MD5").Single());
            Assert.Equal(data, await get.Content.ReadAsByteArrayAsync());
        }

        async Task<(HttpStatusCode, byte[], string?)> Range(string range)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/images/{id}/file");
            request.Headers.TryAddWithoutValidation("Range", range);
            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentRange?.ToString());
        }
        var (status, bytes, contentRange) = await Range("bytes=10-19");
        Assert.Equal(HttpStatusCode.PartialContent, status);
        Assert.Equal(data[10..20], bytes);
        Assert.Equal($"bytes 10-19/{data.Length}", contentRange);
        (status, bytes, contentRange) = await Range("bytes=-5");
        Assert.Equal(data[^5..], bytes);
        Assert.Equal($"bytes {data.Length - 5}-{data.Length - 1}/{data.Length}", contentRange);
        (status, bytes, _) = await Range("bytes=69990-");
        Assert.Equal(data[69990..], bytes);
        (status, bytes, _) = await Range("bytes=69990-99999999");
        Assert.Equal(HttpStatusCode.PartialContent, status);
        Assert.Equal(data[69990..], bytes);
        (status, bytes, _) = await Range("bytes=70000-");
        Assert.Equal((HttpStatusCode)416, status);
        Assert.Contains("Invalid start position in Range header. Start position MUST be in the inclusive range [0, 69999].", System.Text.Encoding.UTF8.GetString(bytes));
        (status, bytes, _) = await Range("bytes=5-2");
        Assert.Equal((HttpStatusCode)416, status);
        Assert.Contains("Invalid Range header.", System.Text.Encoding.UTF8.GetString(bytes));
        (status, bytes, _) = await Range("bytes=0-1,5-6");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Wrong_states_and_content_types_are_refused_as_upstream()
    {
        using var client = cloud.AdminClient();
        var id = await client.CreateImageAsync();
        using (var none = await client.GetAsync($"v2/images/{id}/file"))
            Assert.Equal(HttpStatusCode.NoContent, none.StatusCode);
        using (var json = await client.PutDataAsync($"v2/images/{id}/file", [1, 2, 3], "application/json"))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        using (var first = await client.PutDataAsync($"v2/images/{id}/file", [1, 2, 3]))
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        using (var again = await client.PutDataAsync($"v2/images/{id}/file", [1, 2, 3]))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("Image status transition from active to saving is not allowed", await again.Content.ReadAsStringAsync());
        }
        var noFormats = await client.CreateImageAsync(null, null);
        using (var missing = await client.PutDataAsync($"v2/images/{noFormats}/file", [1]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Contains("Properties disk_format, container_format must be set prior to saving data.", await missing.Content.ReadAsStringAsync());
        }
        Assert.Equal("queued", (await client.ImageAsync(noFormats)).S("status"));

        // Another project may not upload to (or see) this image.
        var (_, token) = await cloud.ProjectUserAsync();
        using var other = cloud.Client(token);
        using (var foreign = await other.PutDataAsync($"v2/images/{noFormats}/file", [1]))
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Too_large_an_upload_is_refused_with_413_and_leaves_the_image_queued_without_data()
    {
        using var client = cloud.AdminClient();
        var id = await client.CreateImageAsync();
        using var put = await client.PutDataAsync($"v2/images/{id}/file", DataCalls.RandomBytes(200_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
        Assert.Contains("The incoming image is too large: The provided image is too large.", await put.Content.ReadAsStringAsync());
        var image = await client.ImageAsync(id);
        Assert.Equal("queued", image.S("status"));
        Assert.Null(image["size"]);
        Assert.DoesNotContain(StoreFiles(), f => f.Contains(id));
    }

    [Fact]
    public async Task A_client_that_goes_away_mid_upload_leaves_the_image_queued_and_no_file()
    {
        using var client = cloud.AdminClient();
        var id = await client.CreateImageAsync();
        var body = new HalfBody(50_000);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v2/images/{id}/file") { Content = body };
        using var cts = new CancellationTokenSource();
        var sending = client.SendAsync(request, cts.Token);
        await body.HalfSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await client.WaitForAsync(id, i => i.S("status") == "saving");
        Assert.Contains(StoreFiles(), f => f.Contains(id) && f.EndsWith(FileStore.PartialSuffix));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<Exception>(() => sending);
        var image = await client.WaitForAsync(id, i => i.S("status") == "queued");
        Assert.Null(image["size"]);
        await WaitUntil(() => !StoreFiles().Any(f => f.Contains(id)));
    }

    [Fact]
    public async Task Recovery_after_a_kill_mid_upload_requeues_the_image_and_removes_the_partial_file()
    {
        // The upload is stopped half-way (the body never finishes) and the start-up recovery of a new process is run
        // against the same database and folders while the image is still saving: exactly what a kill leaves.
        using var client = cloud.AdminClient();
        var id = await client.CreateImageAsync();
        var body = new HalfBody(50_000);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v2/images/{id}/file") { Content = body };
        using var cts = new CancellationTokenSource();
        var sending = client.SendAsync(request, cts.Token);
        await body.HalfSent.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await client.WaitForAsync(id, i => i.S("status") == "saving");
        Assert.Contains(StoreFiles(), f => f.Contains(id));

        using (var scope = cloud.ImageServices.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ImageDataRecovery>().RunAsync(CancellationToken.None);

        var image = await client.ImageAsync(id);
        Assert.Equal("queued", image.S("status"));
        Assert.DoesNotContain(StoreFiles(), f => f.Contains(id));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<Exception>(() => sending);

        // The image takes a fresh upload.
        using var put = await client.PutDataAsync($"v2/images/{id}/file", [1, 2, 3]);
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
    }

    [Fact]
    public async Task A_full_disk_answers_413_and_leaves_nothing_behind()
    {
        // The store's file writes fail with ENOSPC (errno 28) after 64 KiB, through the store's real error path.
        var store = Store;
        var original = store.OpenForWrite;
        store.OpenForWrite = path => new FullDiskStream(new FileStream(path, FileMode.CreateNew), 65536);
        try
        {
            using var client = cloud.AdminClient();
            var id = await client.CreateImageAsync();
            using var put = await client.PutDataAsync($"v2/images/{id}/file", DataCalls.RandomBytes(100_000));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, put.StatusCode);
            Assert.Contains("Image storage media is full: There is not enough disk space on the image storage media.", await put.Content.ReadAsStringAsync());
            Assert.Equal("queued", (await client.ImageAsync(id)).S("status"));
            Assert.DoesNotContain(StoreFiles(), f => f.Contains(id));
        }
        finally
        {
            store.OpenForWrite = original;
        }
    }

    [Fact]
    public async Task Deleting_an_image_removes_its_data()
    {
        using var client = cloud.AdminClient();
        var id = await client.CreateImageAsync();
        using (var put = await client.PutDataAsync($"v2/images/{id}/file", [1, 2, 3]))
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.True(File.Exists(Store.PathOf(id)));
        var (status, _) = await client.CallAsync(HttpMethod.Delete, "v2/images/" + id);
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.False(File.Exists(Store.PathOf(id)));
    }

    [Fact]
    public async Task Deactivated_images_may_be_downloaded_by_admins_only()
    {
        using var admin = cloud.AdminClient();
        var (project, token) = await cloud.ProjectUserAsync();
        using var member = cloud.Client(token);
        var id = await member.CreateImageAsync();
        using (var put = await member.PutDataAsync($"v2/images/{id}/file", [1, 2, 3]))
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        using (var db = cloud.OpenDb())
            await db.Images.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, "deactivated"));
        using (var refused = await member.GetAsync($"v2/images/{id}/file"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("The requested image has been deactivated. Image data download is forbidden.", await refused.Content.ReadAsStringAsync());
        }
        using var allowed = await admin.GetAsync($"v2/images/{id}/file");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.NotNull(project);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition());
    }

    /// <summary>A body that announces <c>size</c> bytes, sends half and then never finishes.</summary>
    private sealed class HalfBody : HttpContent
    {
        private readonly int _size;

        public HalfBody(int size)
        {
            _size = size;
            Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            Headers.ContentLength = size;
        }

        public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken ct)
        {
            await stream.WriteAsync(DataCalls.RandomBytes(_size / 2), ct);
            await stream.FlushAsync(ct);
            HalfSent.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = _size;
            return true;
        }
    }

    /// <summary>A file that reports ENOSPC once <c>room</c> bytes are written, as Linux does on a full disk.</summary>
    private sealed class FullDiskStream(FileStream inner, long room) : Stream
    {
        private long _written;

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            if (_written + buffer.Length > room) throw new IOException("No space left on device", 28);
            _written += buffer.Length;
            await inner.WriteAsync(buffer, ct);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
