using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace SharpStack.Host.Tests;

/// <summary>The real executable killed with SIGKILL in the middle of an image upload: after a restart the image is
/// not active (it is queued again, ready for a new upload) and no partial data is left in the store.</summary>
[Collection(CliCollection.Name)]
public sealed class ImageCrashTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "sharpstack-crash-" + Guid.NewGuid().ToString("N"));
    private readonly int _identityPort = FreePort();
    private readonly int _imagePort = FreePort();
    private readonly int _placementPort = FreePort();
    private Process? _cloud;

    [Fact]
    public async Task Killed_during_an_upload_the_image_is_queued_again_and_no_partial_data_is_left()
    {
        await StartAsync();
        var token = await TokenAsync();
        using var image = Client(_imagePort, token);
        using var created = await image.PostAsync("v2/images", Json(new JsonObject
        {
            ["name"] = "crash", ["disk_format"] = "raw", ["container_format"] = "bare",
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

        // Send 8 MiB, then hold the request open: the server is mid-upload (status saving, a partial file on disk).
        var body = new HeldStream(8 << 20);
        using var upload = new StreamContent(body);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        upload.Headers.ContentLength = 64L << 20;
        var sending = image.PutAsync($"v2/images/{id}/file", upload);
        await body.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var store = Path.Combine(_dataDir, "images");
        await WaitUntilAsync(() => Directory.Exists(store) && Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories).Any());
        await WaitUntilAsync(async () => await StatusAsync(image, id) == "saving");

        _cloud!.Kill(entireProcessTree: true);
        await _cloud.WaitForExitAsync();
        body.Release();
        await Assert.ThrowsAnyAsync<Exception>(() => sending);

        await StartAsync();
        token = await TokenAsync();
        using var after = Client(_imagePort, token);
        Assert.Equal("queued", await StatusAsync(after, id));
        Assert.Empty(Directory.EnumerateFiles(store, "*", SearchOption.AllDirectories));

        // The image takes a new upload as if nothing had happened.
        using var data = new ByteArrayContent(Encoding.ASCII.GetBytes("after the crash"));
        data.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var uploaded = await after.PutAsync($"v2/images/{id}/file", data);
        Assert.Equal(HttpStatusCode.NoContent, uploaded.StatusCode);
        Assert.Equal("active", await StatusAsync(after, id));
    }

    public void Dispose()
    {
        if (_cloud is { HasExited: false }) _cloud.Kill(entireProcessTree: true);
        _cloud?.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }

    private async Task StartAsync()
    {
        _cloud?.Dispose();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "sharpstack"))
        {
            ArgumentList = { "up", "--data-dir", _dataDir, "--admin-password", "crash-test" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["SHARPSTACK_IDENTITY__BIND_PORT"] = _identityPort.ToString();
        start.Environment["SHARPSTACK_IMAGE__BIND_PORT"] = _imagePort.ToString();
        start.Environment["SHARPSTACK_PLACEMENT__BIND_PORT"] = _placementPort.ToString();
        start.Environment["SHARPSTACK_IDENTITY__PASSWORD_HASH_ROUNDS"] = "1000";
        start.Environment["SHARPSTACK_DEFAULT__LOG_REQUESTS"] = "false";
        var cloud = Process.Start(start)!;
        _cloud = cloud;
        cloud.OutputDataReceived += (_, _) => { };
        cloud.ErrorDataReceived += (_, _) => { };
        cloud.BeginOutputReadLine();
        cloud.BeginErrorReadLine();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await WaitUntilAsync(async () =>
        {
            Assert.False(cloud.HasExited, "sharpstack up exited");
            try
            {
                using var identity = await probe.GetAsync($"http://127.0.0.1:{_identityPort}/v3");
                using var image = await probe.GetAsync($"http://127.0.0.1:{_imagePort}/versions");
                return identity.IsSuccessStatusCode && image.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60));
    }

    private async Task<string> TokenAsync()
    {
        using var client = Client(_identityPort, null);
        var auth = JsonNode.Parse("""
            {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"id": "default"},
             "password": "crash-test"}}}, "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}}}
            """)!;
        using var response = await client.PostAsync("v3/auth/tokens", Json(auth));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    private static async Task<string> StatusAsync(HttpClient image, string id) =>
        JsonNode.Parse(await image.GetStringAsync("v2/images/" + id))!["status"]!.GetValue<string>();

    private static HttpClient Client(int port, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        if (token is not null) client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        return client;
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(30));

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => WaitUntilAsync(condition, TimeSpan.FromSeconds(30));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached in " + timeout);
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A request body that yields a number of bytes, then blocks until released (an upload in flight).</summary>
    private sealed class HeldStream(int before) : Stream
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _sent;

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _release.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_sent >= before)
            {
                Held.TrySetResult();
                await _release.Task.WaitAsync(ct);
                throw new IOException("the upload was abandoned");
            }
            var n = Math.Min(buffer.Length, before - _sent);
            buffer.Span[..n].Fill(0x5a);
            _sent += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _sent; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
