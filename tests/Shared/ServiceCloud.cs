using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Auth.Remote;
using SharpStack.Core.Configuration;
using SharpStack.Core.Hosting;
using SharpStack.Core.Logging;
using SharpStack.Core.Storage;
using SharpStack.Identity;
using SharpStack.Identity.Setup;

namespace SharpStack.Tests.Shared;

/// <summary>Identity and one more service (Image, Compute …) on ephemeral loopback ports with a fresh data directory,
/// set up as `sharpstack up` does (admin, the service's user, the catalog). Tests talk to them over HTTP only, with real
/// tokens. Linked into each service's test project; a subclass names the service and its test database settings.</summary>
/// <param name="databaseVariable">The variable naming a PostgreSQL server to run the service's database on (CI sets it).</param>
/// <param name="databaseSetting">The SHARPSTACK_… setting of the service's database URL.</param>
public abstract class ServiceCloud(IServiceModule module, string databaseVariable, string databaseSetting) : IAsyncLifetime
{
    private WebApplication? _identity;
    private WebApplication? _service;
    private LogSink? _sink;
    private DatabaseUrl? _postgres;

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "sharpstack-" + module.Name + "-test-" + Guid.NewGuid().ToString("N"));
    public string AdminPassword { get; } = "admin-" + Guid.NewGuid().ToString("N")[..8];
    public Uri IdentityUri { get; private set; } = null!;
    /// <summary>The service's root URL.</summary>
    public Uri ServiceUri { get; private set; } = null!;
    public string AdminToken { get; private set; } = "";
    public string AdminProjectId { get; private set; } = "";
    public IServiceProvider ServiceProvider => _service!.Services;

    /// <summary>Extra SHARPSTACK_SECTION__OPTION settings, set before the cloud starts (in a subclass's constructor).</summary>
    public Dictionary<string, string> Settings { get; } = new();

    public async Task InitializeAsync()
    {
        var identityModule = new IdentityModule();
        var schema = new ConfigSchema(CoreOptions.Groups.Concat(identityModule.OptionGroups).Concat(module.OptionGroups));
        var env = new Dictionary<string, string>(Settings)
        {
            ["SHARPSTACK_DEFAULT__LOG_REQUESTS"] = Settings.GetValueOrDefault("SHARPSTACK_DEFAULT__LOG_REQUESTS", "false"),
            ["SHARPSTACK_IDENTITY__PASSWORD_HASH_ROUNDS"] = "1000",
            ["SHARPSTACK_IDENTITY__BIND_PORT"] = FreePort().ToString(),
        };
        // e.g. SHARPSTACK_TEST_IMAGE_DATABASE=postgresql://user:pass@host runs the service on its own PostgreSQL database.
        if (Environment.GetEnvironmentVariable(databaseVariable) is { Length: > 0 } server && !env.ContainsKey(databaseSetting))
        {
            env[databaseSetting] = server.TrimEnd('/') + "/sharpstack_" + module.Name[..3] + "_" + Guid.NewGuid().ToString("N")[..12];
            _postgres = DatabaseUrl.Parse(env[databaseSetting], "test");
        }
        var config = ConfigLoader.Load(schema, null, env);
        Directory.CreateDirectory(DataDir);
        _sink = new LogSink(Path.Combine(DataDir, "test.log"));
        var context = new ServiceContext(config, DataDir, _sink);
        context.LocalIdentityUrl = new Uri(IdentityModule.AuthUrl(context));
        AllInOneSetup.PrepareKeys(context);

        _identity = ServiceApp.Build(identityModule, context, bindHost: IPAddress.Loopback);
        await identityModule.InitializeAsync(_identity.Services, CancellationToken.None);
        await AllInOneSetup.RunAsync(_identity.Services, context, AdminPassword, CancellationToken.None);
        await _identity.StartAsync();
        IdentityUri = new Uri(Address(_identity) + "/");

        _service = ServiceApp.Build(module, context, port: 0, bindHost: IPAddress.Loopback);
        await module.InitializeAsync(_service.Services, CancellationToken.None);
        var registration = module.Catalog(context)!;
        await ServiceRegistrar.EnsureAsync(_identity.Services, registration, LocalServiceUsers.Ensure(DataDir, registration.ServiceUser), "RegionOne", CancellationToken.None);
        await _service.StartAsync();
        ServiceUri = new Uri(Address(_service) + "/");

        AdminToken = await TokenAsync("admin", AdminPassword, "admin");
        using var identity = IdentityClient(AdminToken);
        var projects = JsonNode.Parse(await identity.GetStringAsync("v3/projects?name=admin"))!;
        AdminProjectId = projects["projects"]![0]!["id"]!.GetValue<string>();
    }

    public async Task DisposeAsync()
    {
        if (_service is not null) await _service.DisposeAsync();
        if (_identity is not null) await _identity.DisposeAsync();
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

    /// <summary>A client of the service's API, authenticated with <paramref name="token"/> when given.</summary>
    public virtual HttpClient Client(string? token = null) => NewClient(ServiceUri, token);

    public HttpClient AdminClient() => Client(AdminToken);

    public HttpClient IdentityClient(string? token = null) => NewClient(IdentityUri, token);

    /// <summary>A new project with a user holding <paramref name="role"/> on it; returns the project id and the user's token.</summary>
    public async Task<(string ProjectId, string Token)> ProjectUserAsync(string role = "member")
    {
        using var identity = IdentityClient(AdminToken);
        var name = "p-" + Guid.NewGuid().ToString("N")[..10];
        var project = await PostAsync(identity, "v3/projects", new JsonObject { ["project"] = new JsonObject { ["name"] = name, ["domain_id"] = "default" } });
        var projectId = project["project"]!["id"]!.GetValue<string>();
        var user = await PostAsync(identity, "v3/users", new JsonObject { ["user"] = new JsonObject { ["name"] = "u-" + name, ["password"] = "secret", ["domain_id"] = "default" } });
        var userId = user["user"]!["id"]!.GetValue<string>();
        var roles = JsonNode.Parse(await identity.GetStringAsync("v3/roles?name=" + role))!;
        var roleId = roles["roles"]![0]!["id"]!.GetValue<string>();
        using (var grant = await identity.PutAsync($"v3/projects/{projectId}/users/{userId}/roles/{roleId}", null))
            grant.EnsureSuccessStatusCode();
        return (projectId, await TokenAsync("u-" + name, "secret", name));
    }

    public async Task<string> TokenAsync(string user, string password, string project)
    {
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["id"] = "default" }, ["password"] = password },
                    },
                },
                ["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["id"] = "default" } } },
            },
        };
        using var client = IdentityClient();
        using var response = await client.PostAsync("v3/auth/tokens", Json(body));
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"authentication of {user} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonObject> PostAsync(HttpClient client, string path, JsonNode body)
    {
        using var response = await client.PostAsync(path, Json(body));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        return (JsonNode.Parse(text) as JsonObject)!;
    }

    protected static HttpClient NewClient(Uri baseUri, string? token)
    {
        var client = new HttpClient { BaseAddress = baseUri };
        if (token is not null) client.DefaultRequestHeaders.Add("X-Auth-Token", token);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("0.0.0.0", "127.0.0.1");

    protected static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
