using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SharpStack.Core.Auth.Remote;

/// <summary>The calls a service makes to Identity: authenticate its own user, validate a caller's token, read revocation events.</summary>
public sealed class IdentityClient(HttpClient http, Uri identityBase)
{
    private readonly string _base = identityBase.ToString().TrimEnd('/').EndsWith("/v3", StringComparison.Ordinal)
        ? identityBase.ToString().TrimEnd('/')
        : identityBase.ToString().TrimEnd('/') + "/v3";

    /// <summary>A project-scoped token for the service user, and its expiry.</summary>
    public Task<(string Token, DateTimeOffset ExpiresAt)> AuthenticateAsync(
        string username, string password, string userDomain, string project, string projectDomain, CancellationToken ct) =>
        AuthenticateAsync(username, password, userDomain,
            new JsonObject { ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["name"] = projectDomain } } }, ct);

    /// <summary>A system-scoped token for the service user (what oslo.limit's [oslo_limit] system_scope = all gives):
    /// needed to read every project's limits. The user needs a role on the system (e.g. reader).</summary>
    public Task<(string Token, DateTimeOffset ExpiresAt)> AuthenticateSystemAsync(
        string username, string password, string userDomain, CancellationToken ct) =>
        AuthenticateAsync(username, password, userDomain, new JsonObject { ["system"] = new JsonObject { ["all"] = true } }, ct);

    private async Task<(string Token, DateTimeOffset ExpiresAt)> AuthenticateAsync(
        string username, string password, string userDomain, JsonObject scope, CancellationToken ct)
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
                        ["user"] = new JsonObject { ["name"] = username, ["password"] = password, ["domain"] = new JsonObject { ["name"] = userDomain } },
                    },
                },
                ["scope"] = scope,
            },
        };
        using var response = await http.PostAsJsonAsync(_base + "/auth/tokens?nocatalog", body, ct);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new IdentityUnavailableException($"the service user '{username}' could not authenticate at {_base} ({(int)response.StatusCode})");
        var token = response.Headers.GetValues("X-Subject-Token").First();
        var json = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        var expires = DateTimeOffset.Parse(json!["token"]!["expires_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        return (token, expires);
    }

    /// <summary>The token body of <paramref name="subject"/>, or null when Identity says it is not valid.</summary>
    public async Task<JsonObject?> ValidateAsync(string serviceToken, string subject, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _base + "/auth/tokens?nocatalog");
        request.Headers.Add("X-Auth-Token", serviceToken);
        request.Headers.Add("X-Subject-Token", subject);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.NotFound) return null;
        if (response.StatusCode is HttpStatusCode.Unauthorized)
            throw new ServiceTokenRejectedException();
        if (!response.IsSuccessStatusCode)
            throw new IdentityUnavailableException($"Identity answered {(int)response.StatusCode} validating a token");
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))?["token"] as JsonObject;
    }

    /// <summary>GET of an Identity API path under /v3 (e.g. "limits?project_id=…") with a service token; the JSON body.</summary>
    public async Task<JsonObject> GetAsync(string serviceToken, string pathAndQuery, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _base + "/" + pathAndQuery.TrimStart('/'));
        request.Headers.Add("X-Auth-Token", serviceToken);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized) throw new ServiceTokenRejectedException();
        if (!response.IsSuccessStatusCode)
            throw new IdentityUnavailableException($"Identity answered {(int)response.StatusCode} to GET /v3/{pathAndQuery.TrimStart('/').Split('?')[0]}");
        return await response.Content.ReadFromJsonAsync<JsonObject>(ct) ?? [];
    }

    /// <summary>The status Identity answers to GET /v3/projects/{id} with the caller's own token (Nova's
    /// verify_project_id: 404 means no such project, 403 that the caller may not tell); null when Identity is not reachable.</summary>
    public async Task<HttpStatusCode?> ProjectStatusAsync(string callerToken, string projectId, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _base + "/projects/" + Uri.EscapeDataString(projectId));
            request.Headers.Add("X-Auth-Token", callerToken);
            using var response = await http.SendAsync(request, ct);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Revocation events recorded after <paramref name="since"/> (all when null).</summary>
    public async Task<JsonArray> RevokeEventsAsync(string serviceToken, DateTimeOffset? since, CancellationToken ct)
    {
        var url = _base + "/OS-REVOKE/events" + (since is { } s ? "?since=" + Uri.EscapeDataString(s.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'")) : "");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Auth-Token", serviceToken);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized) throw new ServiceTokenRejectedException();
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(ct))?["events"] as JsonArray ?? [];
    }
}

/// <summary>Identity could not be reached or refused the service user (a 503 to the caller, not a 401).</summary>
public sealed class IdentityUnavailableException(string message) : Exception(message);

/// <summary>The service token expired or was revoked; get a new one and retry.</summary>
public sealed class ServiceTokenRejectedException() : Exception("the service token was rejected");
