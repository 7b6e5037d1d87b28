using System.Net.Http.Headers;
using System.Net.Http.Json;
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
using SharpStack.Identity;
using SharpStack.Identity.Setup;
using SharpStack.Identity.Tests.Storage;

namespace SharpStack.Identity.Tests.Api;

/// <summary>A real Identity service on an ephemeral loopback port with a fresh data directory, bootstrapped as
/// `sharpstack up` does (admin / admin project / RegionOne). Tests talk to it over HTTP only.</summary>
public sealed class IdentityServer : IAsyncLifetime
{
    private WebApplication? _app;
    private LogSink? _sink;
    private DatabaseUrl? _postgres;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "sharpstack-test-" + Guid.NewGuid().ToString("N"));
    public string AdminPassword { get; } = "admin-" + Guid.NewGuid().ToString("N")[..8];
    public Uri BaseUri { get; private set; } = null!;
    public string AdminToken { get; private set; } = "";
    public IServiceProvider Services => _app!.Services;

    /// <summary>Extra SHARPSTACK_SECTION__OPTION settings for this server.</summary>
    public Dictionary<string, string> Settings { get; } = new();

    public async Task InitializeAsync()
    {
        var schema = new ConfigSchema(CoreOptions.Groups.Concat(new IdentityModule().OptionGroups));
        var env = new Dictionary<string, string>(Settings)
        {
            ["SHARPSTACK_DEFAULT__LOG_REQUESTS"] = Settings.GetValueOrDefault("SHARPSTACK_DEFAULT__LOG_REQUESTS", "false"),
            // Cheap hashes keep the suite fast; the algorithm and format are the same.
            ["SHARPSTACK_IDENTITY__PASSWORD_HASH_ROUNDS"] = Settings.GetValueOrDefault("SHARPSTACK_IDENTITY__PASSWORD_HASH_ROUNDS", "1000"),
        };
        // SHARPSTACK_TEST_IDENTITY_DATABASE=postgresql://user:pass@host runs every API test on its own PostgreSQL database.
        if (Environment.GetEnvironmentVariable("SHARPSTACK_TEST_IDENTITY_DATABASE") is { Length: > 0 } server && !env.ContainsKey("SHARPSTACK_DATABASE__CONNECTION"))
            env["SHARPSTACK_DATABASE__CONNECTION"] = server.TrimEnd('/') + "/sharpstack_api_" + Guid.NewGuid().ToString("N")[..12];
        // The PostgreSQL database the migrator creates for this server is this fixture's: DisposeAsync drops it.
        if (env.GetValueOrDefault("SHARPSTACK_DATABASE__CONNECTION") is { } connection
            && DatabaseUrl.Parse(connection, "test") is { Engine: DatabaseEngine.PostgreSql } postgres)
            _postgres = postgres;
        var config = ConfigLoader.Load(schema, null, env);
        Directory.CreateDirectory(DataDir);
        _sink = new LogSink(Path.Combine(DataDir, "test.log"));
        var context = new ServiceContext(config, DataDir, _sink);
        AllInOneSetup.PrepareKeys(context);
        var module = new IdentityModule();
        _app = ServiceApp.Build(module, context, port: 0, bindHost: System.Net.IPAddress.Loopback);
        await module.InitializeAsync(_app.Services, CancellationToken.None);
        await AllInOneSetup.RunAsync(_app.Services, context, AdminPassword, CancellationToken.None);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address.Replace("0.0.0.0", "127.0.0.1") + "/");
        AdminToken = await TokenAsync("admin", AdminPassword, project: "admin");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _sink?.Dispose();
        if (_postgres is not null) await TestDatabases.DropAsync(_postgres);
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }

    /// <summary>An HTTP client for the service, authenticated with <paramref name="token"/> when given.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseUri };
        if (token is not null) client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public HttpClient AdminClient() => Client(AdminToken);

    /// <summary>Password authentication in the default domain, scoped to a project, a domain, the system, or nothing.</summary>
    public async Task<string> TokenAsync(string user, string password, string? project = null, string? domain = null, bool system = false)
    {
        JsonNode? scope = project is not null
            ? new JsonObject { ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["id"] = "default" } } }
            : domain is not null ? new JsonObject { ["domain"] = new JsonObject { ["id"] = domain } }
            : system ? new JsonObject { ["system"] = new JsonObject { ["all"] = true } }
            : null;
        var auth = new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject
                {
                    ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["id"] = "default" }, ["password"] = password },
                },
            },
        };
        if (scope is not null) auth["scope"] = scope;
        using var client = Client();
        using var response = await client.PostAsync("v3/auth/tokens", Json(new JsonObject { ["auth"] = auth }));
        if ((int)response.StatusCode != 201)
            throw new InvalidOperationException($"authentication of {user} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)!;
}
