using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Tests.Api.Resources;

/// <summary>Helpers of the resource API tests: requests with JSON bodies, Keystone error texts, and users stored
/// directly in the database (the users API is another area's).</summary>
public static class ResourceTestData
{
    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, JsonNode? body = null) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : IdentityServer.Json(body) });

    public static Task<HttpResponseMessage> SendRawAsync(HttpClient client, string method, string path, string body, string? contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });
    }

    /// <summary>Sends and asserts the status; returns the JSON body (null when empty).</summary>
    public static async Task<JsonObject?> ExpectAsync(HttpClient client, string method, string path, JsonNode? body, HttpStatusCode status)
    {
        using var response = await SendAsync(client, method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
    }

    /// <summary>The message of a Keystone error response.</summary>
    public static async Task<string> MessageAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>();

    /// <summary>Sends and asserts Keystone's error: status and exact message.</summary>
    public static async Task ExpectErrorAsync(HttpClient client, string method, string path, JsonNode? body, HttpStatusCode status, string message)
    {
        var error = await ExpectAsync(client, method, path, body, status);
        Assert.Equal(message, error!["error"]!["message"]!.GetValue<string>());
        Assert.Equal((int)status, error["error"]!["code"]!.GetValue<int>());
    }

    public static async Task<string> CreateDomainAsync(HttpClient client, string? name = null, bool enabled = true)
    {
        var body = await ExpectAsync(client, "POST", "v3/domains",
            new JsonObject { ["domain"] = new JsonObject { ["name"] = name ?? Unique("dom"), ["enabled"] = enabled } }, HttpStatusCode.Created);
        return body!["domain"]!["id"]!.GetValue<string>();
    }

    public static async Task<JsonObject> CreateProjectAsync(HttpClient client, JsonObject? attributes = null)
    {
        var project = attributes ?? [];
        project["name"] ??= Unique("proj");
        var body = await ExpectAsync(client, "POST", "v3/projects", new JsonObject { ["project"] = project }, HttpStatusCode.Created);
        return body!["project"]!.AsObject();
    }

    /// <summary>Disables then deletes a domain (Keystone refuses to delete an enabled one).</summary>
    public static async Task DeleteDomainAsync(HttpClient client, string id)
    {
        await ExpectAsync(client, "PATCH", "v3/domains/" + id, new JsonObject { ["domain"] = new JsonObject { ["enabled"] = false } }, HttpStatusCode.OK);
        await ExpectAsync(client, "DELETE", "v3/domains/" + id, null, HttpStatusCode.NoContent);
    }

    /// <summary>A user with a password and, optionally, a role on a project or a domain.</summary>
    public static async Task<string> CreateUserAsync(IdentityServer server, string name, string password, string domainId = "default",
        string? projectId = null, string? roleDomainId = null, string role = "member")
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var user = new UserRow { Id = Ids.New(), Name = name, DomainId = domainId, Enabled = true, CreatedAt = DateTime.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<UserPasswords>().SetAsync(db, user, password, selfService: false, CancellationToken.None);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
        if (projectId is not null)
            db.Assignments.Add(new AssignmentRow { Type = AssignmentType.UserProject, ActorId = user.Id, TargetId = projectId, RoleId = roleId });
        if (roleDomainId is not null)
            db.Assignments.Add(new AssignmentRow { Type = AssignmentType.UserDomain, ActorId = user.Id, TargetId = roleDomainId, RoleId = roleId });
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<IdentityRevision>().BumpAsync(db);
        return user.Id;
    }

    /// <summary>A password token of a user in any domain, scoped to a project id or a domain id.</summary>
    public static async Task<string> TokenAsync(IdentityServer server, string user, string password, string userDomainId,
        string? projectId = null, string? domainId = null)
    {
        var auth = new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject
                {
                    ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["id"] = userDomainId }, ["password"] = password },
                },
            },
        };
        if (projectId is not null) auth["scope"] = new JsonObject { ["project"] = new JsonObject { ["id"] = projectId } };
        if (domainId is not null) auth["scope"] = new JsonObject { ["domain"] = new JsonObject { ["id"] = domainId } };
        using var client = server.Client();
        using var response = await client.PostAsync("v3/auth/tokens", IdentityServer.Json(new JsonObject { ["auth"] = auth }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    /// <summary>Runs <paramref name="read"/> against the server's database.</summary>
    public static async Task<T> QueryAsync<T>(IdentityServer server, Func<IdentityDb, Task<T>> read)
    {
        using var scope = server.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<IdentityDb>());
    }
}
