namespace SharpStack.Identity.Tests.Api;

/// <summary>Passwords and tokens never reach the log, even at debug level with request logging on.</summary>
public sealed class LogHygieneTests : IAsyncLifetime
{
    private readonly IdentityServer _server = new();

    public Task InitializeAsync()
    {
        _server.Settings["SHARPSTACK_DEFAULT__DEBUG"] = "true";
        _server.Settings["SHARPSTACK_DEFAULT__LOG_REQUESTS"] = "true";
        return _server.InitializeAsync();
    }

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Log_has_request_lines_but_no_secrets()
    {
        var token = await _server.TokenAsync("admin", _server.AdminPassword, project: "admin");
        try
        {
            await _server.TokenAsync("admin", "wrong-password-" + Guid.NewGuid().ToString("N"));
        }
        catch (InvalidOperationException)
        {
            // expected: 401
        }
        using (var client = _server.Client(token))
        using (var request = new HttpRequestMessage(HttpMethod.Get, "v3/auth/tokens"))
        {
            request.Headers.Add("X-Subject-Token", token);
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
        }
        await Task.Delay(300); // the log writer is asynchronous
        var log = await ReadLogAsync();
        Assert.Contains("\"GET /v3/auth/tokens\" status: 200", log);
        Assert.DoesNotContain(_server.AdminPassword, log);
        Assert.DoesNotContain("wrong-password-", log);
        Assert.DoesNotContain(token, log);
        Assert.DoesNotContain(token[..40], log);
    }

    private async Task<string> ReadLogAsync()
    {
        await using var stream = new FileStream(Path.Combine(_server.DataDir, "test.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
