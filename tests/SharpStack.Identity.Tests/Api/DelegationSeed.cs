using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Tests.Api;

/// <summary>Seeds users, projects, roles and grants straight into the database of an <see cref="IdentityServer"/>,
/// for tests of the delegation APIs (which need users the users API would otherwise create).</summary>
internal static class DelegationSeed
{
    public static async Task<string> UserAsync(IdentityServer server, string name, string password)
    {
        var id = Ids.New();
        await WithDbAsync(server, async (db, sp) =>
        {
            var user = new UserRow { Id = id, Name = name, DomainId = "default", Enabled = true, CreatedAt = DateTime.UtcNow };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            await sp.GetRequiredService<UserPasswords>().SetAsync(db, user, password, selfService: false, CancellationToken.None);
        });
        return id;
    }

    public static async Task<string> ProjectAsync(IdentityServer server, string name)
    {
        var id = Ids.New();
        await WithDbAsync(server, async (db, _) =>
        {
            db.Projects.Add(new ProjectRow { Id = id, Name = name, DomainId = "default", ParentId = "default", Enabled = true });
            await db.SaveChangesAsync();
        });
        return id;
    }

    public static async Task<string> RoleAsync(IdentityServer server, string name)
    {
        var id = Ids.New();
        await WithDbAsync(server, async (db, _) =>
        {
            db.Roles.Add(new RoleRow { Id = id, Name = name });
            await db.SaveChangesAsync();
        });
        return id;
    }

    public static async Task<string> RoleIdAsync(IdentityServer server, string name)
    {
        string id = "";
        await WithDbAsync(server, async (db, _) => id = await db.Roles.Where(r => r.Name == name).Select(r => r.Id).SingleAsync());
        return id;
    }

    public static Task GrantAsync(IdentityServer server, string userId, string projectId, string roleId) =>
        WithDbAsync(server, async (db, _) =>
        {
            db.Assignments.Add(new AssignmentRow { Type = AssignmentType.UserProject, ActorId = userId, TargetId = projectId, RoleId = roleId });
            await db.SaveChangesAsync();
        });

    /// <summary>Runs a change against the database and bumps the identity revision, as a real write would.</summary>
    public static async Task WithDbAsync(IdentityServer server, Func<IdentityDb, IServiceProvider, Task> change)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
        await change(db, scope.ServiceProvider);
        await scope.ServiceProvider.GetRequiredService<IdentityRevision>().BumpAsync(db);
    }

    /// <summary>A user with the given roles on a new project, and a token scoped to it.</summary>
    public static async Task<(string UserId, string ProjectId, string Token)> ScopedUserAsync(IdentityServer server, string prefix, params string[] roles)
    {
        var name = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        var userId = await UserAsync(server, name, "pw-" + name);
        var projectId = await ProjectAsync(server, "p-" + name);
        foreach (var role in roles)
            await GrantAsync(server, userId, projectId, await RoleIdAsync(server, role));
        return (userId, projectId, await server.TokenAsync(name, "pw-" + name, project: "p-" + name));
    }

    /// <summary>POST /v3/auth/tokens with a raw body: the status, the body and the token (when issued).</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body, string? Token)> AuthAsync(IdentityServer server, JsonObject body)
    {
        using var client = server.Client();
        using var response = await client.PostAsync("v3/auth/tokens", IdentityServer.Json(body));
        var token = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.Single() : null;
        return (response.StatusCode, await IdentityServer.ReadAsync(response), token);
    }

    /// <summary>GET /v3/auth/tokens for <paramref name="subject"/> as admin: the status and body.</summary>
    public static async Task<(HttpStatusCode Status, JsonObject Body)> ValidateAsync(IdentityServer server, string subject)
    {
        using var client = server.AdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v3/auth/tokens?nocatalog");
        request.Headers.Add("X-Subject-Token", subject);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await IdentityServer.ReadAsync(response));
    }

    public static string Message(JsonObject body) => body["error"]!["message"]!.GetValue<string>();
}
