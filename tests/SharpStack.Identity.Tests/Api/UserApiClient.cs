using System.Net;
using System.Text.Json.Nodes;

namespace SharpStack.Identity.Tests.Api;

/// <summary>Small helpers for the user and group API tests: create users and groups, authenticate by id, read
/// error texts.</summary>
internal static class UserApiClient
{
    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>POST /v3/users with the given attributes; returns the created user.</summary>
    public static async Task<JsonObject> CreateUserAsync(this IdentityServer server, JsonObject user)
    {
        using var client = server.AdminClient();
        using var response = await client.PostAsync("v3/users", IdentityServer.Json(new JsonObject { ["user"] = user }));
        var body = await IdentityServer.ReadAsync(response);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"create user: {(int)response.StatusCode} {body.ToJsonString()}");
        return body["user"]!.AsObject();
    }

    public static Task<JsonObject> CreateUserAsync(this IdentityServer server, string password, JsonObject? options = null) =>
        server.CreateUserAsync(new JsonObject { ["name"] = Unique("u"), ["password"] = password, ["options"] = options ?? new JsonObject() });

    public static async Task<JsonObject> CreateGroupAsync(this IdentityServer server, JsonObject? group = null)
    {
        group ??= new JsonObject { ["name"] = Unique("g") };
        using var client = server.AdminClient();
        using var response = await client.PostAsync("v3/groups", IdentityServer.Json(new JsonObject { ["group"] = group }));
        var body = await IdentityServer.ReadAsync(response);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"create group: {(int)response.StatusCode} {body.ToJsonString()}");
        return body["group"]!.AsObject();
    }

    /// <summary>Password authentication by user id (unscoped); the response is the caller's to inspect.</summary>
    public static async Task<HttpResponseMessage> AuthAsync(this IdentityServer server, string userId, string password, string? projectId = null)
    {
        var auth = new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject { ["user"] = new JsonObject { ["id"] = userId, ["password"] = password } },
            },
        };
        if (projectId is not null) auth["scope"] = new JsonObject { ["project"] = new JsonObject { ["id"] = projectId } };
        using var client = server.Client();
        return await client.PostAsync("v3/auth/tokens", IdentityServer.Json(new JsonObject { ["auth"] = auth }));
    }

    /// <summary>A token for the user (fails the test when authentication fails).</summary>
    public static async Task<string> TokenForAsync(this IdentityServer server, string userId, string password, string? projectId = null)
    {
        using var response = await server.AuthAsync(userId, password, projectId);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    /// <summary>Self-service password change, without a token (Keystone needs none).</summary>
    public static async Task<HttpResponseMessage> ChangePasswordAsync(this IdentityServer server, string userId, string original, string password)
    {
        using var client = server.Client();
        return await client.PostAsync($"v3/users/{userId}/password",
            IdentityServer.Json(new JsonObject { ["user"] = new JsonObject { ["original_password"] = original, ["password"] = password } }));
    }

    /// <summary>True when <paramref name="token"/> still validates (admin GET /v3/auth/tokens).</summary>
    public static async Task<bool> TokenValidAsync(this IdentityServer server, string token)
    {
        using var client = server.AdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v3/auth/tokens");
        request.Headers.Add("X-Subject-Token", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }

    public static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        (await IdentityServer.ReadAsync(response))["error"]!["message"]!.GetValue<string>();

    public static async Task<HttpResponseMessage> PatchUserAsync(this IdentityServer server, string id, JsonObject changes)
    {
        using var client = server.AdminClient();
        return await client.PatchAsync($"v3/users/{id}", IdentityServer.Json(new JsonObject { ["user"] = changes }));
    }

    public static string Id(this JsonObject entity) => entity["id"]!.GetValue<string>();
}
