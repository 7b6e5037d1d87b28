using System.Diagnostics;
using SharpStack.Identity.Tests.Api;

namespace SharpStack.Identity.Tests.Storage;

/// <summary>Identity on PostgreSQL keeps answering across a database restart, by reconnecting rather than being
/// restarted. Runs when SHARPSTACK_TEST_POSTGRES (server URL) and SHARPSTACK_TEST_POSTGRES_RESTART (the command that
/// restarts that server, e.g. "pg_ctlcluster 15 main restart") are set, as CI sets them.</summary>
public sealed class PostgresRestartTests
{
    [Fact]
    public async Task Survives_a_database_restart()
    {
        var server = TestDatabases.PostgresServer;
        var restart = Environment.GetEnvironmentVariable("SHARPSTACK_TEST_POSTGRES_RESTART");
        if (server is null || restart is null)
        {
            Assert.Null(Environment.GetEnvironmentVariable("CI_REQUIRE_POSTGRES")); // CI must not silently skip this
            return;
        }
        var identity = new IdentityServer();
        identity.Settings["SHARPSTACK_DATABASE__CONNECTION"] = server.TrimEnd('/') + "/sharpstack_restart_" + Guid.NewGuid().ToString("N")[..10];
        await identity.InitializeAsync();
        try
        {
            await identity.TokenAsync("admin", identity.AdminPassword, project: "admin");
            using (var p = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", restart]) { RedirectStandardOutput = true, RedirectStandardError = true })!)
            {
                await p.WaitForExitAsync();
                Assert.Equal(0, p.ExitCode);
            }
            // The next requests must succeed: broken pooled connections are replaced and the operation retried.
            var token = await identity.TokenAsync("admin", identity.AdminPassword, project: "admin");
            using var client = identity.Client(token);
            using var response = await client.GetAsync("v3/regions");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await identity.DisposeAsync();
        }
    }
}
