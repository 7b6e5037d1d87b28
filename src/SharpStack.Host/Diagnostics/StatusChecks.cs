using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Hosting;
using SharpStack.Identity;
using SharpStack.Identity.Setup;

namespace SharpStack.Host.Diagnostics;

/// <summary>One line of `manage status`: what was checked, whether it passed, and what to do if not.</summary>
public sealed record StatusCheck(string Name, bool Ok, string Detail);

/// <summary>The checks behind `sharpstack manage status`: configuration, each service's database and schema,
/// Identity's keys and bootstrap data, and whether each API answers on its port.</summary>
public static class StatusChecks
{
    public static async Task<IReadOnlyList<StatusCheck>> RunAsync(ServiceContext context, CancellationToken ct)
    {
        var results = new List<StatusCheck>
        {
            new("configuration", true, context.Config.FilePath ?? "no file: built-in defaults"),
        };
        foreach (var module in Services.AllInOne)
        {
            await using var app = ServiceApp.Build(module, context);
            try
            {
                var pending = await module.PendingMigrationCountAsync(app.Services, ct);
                results.Add(new($"{module.Name} database", pending == 0,
                    pending == 0 ? "reachable, schema up to date" : $"{pending} migration(s) pending: run `sharpstack manage db sync`"));
            }
            catch (Exception e)
            {
                results.Add(new($"{module.Name} database", false, "not reachable: " + e.Message));
            }
            results.Add(await ApiAnswersAsync(module, context, ct));
        }
        foreach (var kind in new[] { KeyRepositoryKind.Fernet, KeyRepositoryKind.Credential })
        {
            try
            {
                var repo = KeySetup.RequireInitialized(context.Config, context.DataDir, kind);
                results.Add(new($"{kind.ToString().ToLowerInvariant()} keys", true, $"{repo.LoadKeys().Count} key(s) in {repo.Path}"));
            }
            catch (SharpStack.Core.Configuration.ConfigException e)
            {
                results.Add(new($"{kind.ToString().ToLowerInvariant()} keys", false, e.Message));
            }
        }
        return results;
    }

    private static async Task<StatusCheck> ApiAnswersAsync(IServiceModule module, ServiceContext context, CancellationToken ct)
    {
        var url = $"http://{context.Config.Get(CoreOptions.MyIp)}:{context.Config.Get(module.PortOption)}/";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url, ct);
            var json = response.Content.Headers.ContentType?.MediaType == "application/json";
            return new($"{module.Name} API", json, $"{url} answered {(int)response.StatusCode}{(json ? "" : " without JSON")}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new($"{module.Name} API", false, $"{url} does not answer ({e.Message}); is `sharpstack up` or `serve {module.Name}` running?");
        }
    }
}
