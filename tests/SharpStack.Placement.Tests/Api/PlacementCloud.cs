using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Configuration;
using SharpStack.Core.Hosting;
using SharpStack.Core.Logging;
using SharpStack.Core.Storage;
using SharpStack.Placement.Storage;

namespace SharpStack.Placement.Tests.Api;

/// <summary>Placement alone on an ephemeral loopback port with a fresh data directory, in noauth2 mode (the token
/// "admin" is an admin, any other a plain user), as upstream's functional tests run it. Tests talk HTTP only.</summary>
public class PlacementCloud : IAsyncLifetime
{
    private WebApplication? _app;
    private LogSink? _sink;
    private DatabaseUrl? _postgres;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "sharpstack-placement-test-" + Guid.NewGuid().ToString("N"));
    public Uri Uri { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    /// <summary>Extra SHARPSTACK_SECTION__OPTION settings, set before the service starts (in a subclass's constructor).</summary>
    public Dictionary<string, string> Settings { get; } = new();

    public async Task InitializeAsync()
    {
        var module = new PlacementModule();
        var schema = new ConfigSchema(CoreOptions.Groups.Concat(module.OptionGroups));
        var env = new Dictionary<string, string>(Settings)
        {
            ["SHARPSTACK_DEFAULT__LOG_REQUESTS"] = Settings.GetValueOrDefault("SHARPSTACK_DEFAULT__LOG_REQUESTS", "false"),
            ["SHARPSTACK_PLACEMENT__AUTH_STRATEGY"] = "noauth2",
        };
        // SHARPSTACK_TEST_PLACEMENT_DATABASE=postgresql://user:pass@host runs Placement on its own PostgreSQL database.
        if (Environment.GetEnvironmentVariable("SHARPSTACK_TEST_PLACEMENT_DATABASE") is { Length: > 0 } server && !env.ContainsKey("SHARPSTACK_PLACEMENT_DATABASE__CONNECTION"))
        {
            env["SHARPSTACK_PLACEMENT_DATABASE__CONNECTION"] = server.TrimEnd('/') + "/sharpstack_pl_" + Guid.NewGuid().ToString("N")[..12];
            _postgres = DatabaseUrl.Parse(env["SHARPSTACK_PLACEMENT_DATABASE__CONNECTION"], "test");
        }
        var config = ConfigLoader.Load(schema, null, env);
        Directory.CreateDirectory(DataDir);
        _sink = new LogSink(Path.Combine(DataDir, "test.log"));
        var context = new ServiceContext(config, DataDir, _sink);
        _app = ServiceApp.Build(module, context, port: 0, bindHost: IPAddress.Loopback);
        await module.InitializeAsync(_app.Services, CancellationToken.None);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Uri = new Uri(address.Replace("[::]", "127.0.0.1") + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _sink?.Dispose();
        if (_postgres is not null) await SharpStack.Identity.Tests.Storage.TestDatabases.DropAsync(_postgres);
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }

    /// <summary>A client with token <paramref name="token"/> ("admin" = admin) at microversion <paramref name="version"/> ("latest" by default).</summary>
    public HttpClient Client(string token = "admin", string version = "latest")
    {
        var client = new HttpClient { BaseAddress = Uri };
        client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        if (version.Length > 0) client.DefaultRequestHeaders.Add("OpenStack-API-Version", "placement " + version);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public PlacementDb OpenDb() => _app!.Services.CreateScope().ServiceProvider.GetRequiredService<PlacementDb>();

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}

/// <summary>Short calls for tests: send JSON, get status and parsed body.</summary>
public static class PlacementCalls
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> CallAsync(this HttpClient client, HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = PlacementCloud.Json(body);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }
}
