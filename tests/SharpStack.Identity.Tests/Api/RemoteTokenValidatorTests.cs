using Microsoft.Extensions.Logging.Abstractions;
using SharpStack.Core.Auth.Remote;

namespace SharpStack.Identity.Tests.Api;

/// <summary>The keystonemiddleware equivalent, against a real Identity: validation, caching, revocation.</summary>
public sealed class RemoteTokenValidatorTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private RemoteTokenValidator Validator(TimeSpan poll) => new(
        new IdentityClient(new HttpClient(), server.BaseUri),
        new ServiceCredentials("admin", server.AdminPassword, "Default", "admin", "Default"),
        TimeSpan.FromMinutes(5), poll, TimeProvider.System, NullLogger<RemoteTokenValidator>.Instance);

    [Fact]
    public async Task Validates_and_caches_a_token()
    {
        await using var validator = Validator(TimeSpan.FromMinutes(1));
        var token = await server.TokenAsync("admin", server.AdminPassword, project: "admin");
        var first = await validator.AuthenticateAsync(token, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Equal("admin", first!.ProjectName);
        Assert.Contains("member", first.Roles);
        var second = await validator.AuthenticateAsync(token, CancellationToken.None);
        Assert.Same(first, second);
        Assert.Equal(1, validator.CacheHits);
    }

    [Fact]
    public async Task Invalid_token_is_refused()
    {
        await using var validator = Validator(TimeSpan.FromMinutes(1));
        Assert.Null(await validator.AuthenticateAsync("not-a-token", CancellationToken.None));
    }

    [Fact]
    public async Task Revoked_token_stops_working_after_the_next_poll()
    {
        await using var validator = Validator(TimeSpan.FromMilliseconds(200));
        var token = await server.TokenAsync("admin", server.AdminPassword, project: "admin");
        Assert.NotNull(await validator.AuthenticateAsync(token, CancellationToken.None));
        await Task.Delay(500); // let the poller learn the current events
        using (var client = server.AdminClient())
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, "v3/auth/tokens"))
        {
            delete.Headers.Add("X-Subject-Token", token);
            (await client.SendAsync(delete)).EnsureSuccessStatusCode();
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await validator.AuthenticateAsync(token, CancellationToken.None) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the revoked token was still accepted after 10 s");
            await Task.Delay(100);
        }
    }
}
