using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Identity.Common;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Tests.Api;

/// <summary>Rows the assignment tests need but whose APIs live elsewhere (domains, projects, users, groups), written
/// straight into the server's database; plus HTTP helpers for roles, grants and tokens by id.</summary>
public sealed class AssignmentTestData(IdentityServer server)
{
    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    public async Task<string> DomainAsync(string? name = null)
    {
        var id = Ids.New();
        await WriteAsync(db => db.Projects.Add(new ProjectRow
        {
            Id = id, Name = name ?? Unique("dom"), DomainId = ProjectRow.RootDomainId, IsDomain = true, Enabled = true,
        }));
        return id;
    }

    public async Task<string> ProjectAsync(string domainId = "default", string? parentId = null, string? name = null)
    {
        var id = Ids.New();
        await WriteAsync(db => db.Projects.Add(new ProjectRow
        {
            Id = id, Name = name ?? Unique("prj"), DomainId = domainId, ParentId = parentId ?? domainId, Enabled = true,
        }));
        return id;
    }

    public async Task<string> UserAsync(string password = "secret-pw", string domainId = "default", string? name = null)
    {
        var id = Ids.New();
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var user = new UserRow { Id = id, Name = name ?? Unique("usr"), DomainId = domainId, Enabled = true, CreatedAt = DateTime.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<UserPasswords>().SetAsync(db, user, password, selfService: false, CancellationToken.None);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<IdentityRevision>().BumpAsync(db);
        return id;
    }

    public async Task<string> GroupAsync(string domainId = "default", params string[] members)
    {
        var id = Ids.New();
        await WriteAsync(db =>
        {
            db.Groups.Add(new GroupRow { Id = id, Name = Unique("grp"), DomainId = domainId });
            foreach (var m in members) db.GroupMemberships.Add(new GroupMembershipRow { UserId = m, GroupId = id });
        });
        return id;
    }

    public Task AddMemberAsync(string groupId, string userId) =>
        WriteAsync(db => db.GroupMemberships.Add(new GroupMembershipRow { UserId = userId, GroupId = groupId }));

    /// <summary>Creates a role over the API and returns its id.</summary>
    public async Task<string> RoleAsync(string? name = null, string? domainId = null)
    {
        var role = new JsonObject { ["name"] = name ?? Unique("role") };
        if (domainId is not null) role["domain_id"] = domainId;
        using var client = server.AdminClient();
        using var response = await client.PostAsync("v3/roles", IdentityServer.Json(new JsonObject { ["role"] = role }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await IdentityServer.ReadAsync(response))["role"]!["id"]!.GetValue<string>();
    }

    public async Task<string> RoleIdAsync(string name)
    {
        using var client = server.AdminClient();
        using var response = await client.GetAsync("v3/roles?name=" + name);
        return (await IdentityServer.ReadAsync(response))["roles"]!.AsArray().Single()!["id"]!.GetValue<string>();
    }

    /// <summary>PUT on a grant path (relative to v3/), expecting 204.</summary>
    public async Task GrantAsync(string path)
    {
        using var client = server.AdminClient();
        using var response = await client.PutAsync("v3/" + path, null);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public async Task ImplyAsync(string priorId, string impliedId)
    {
        using var client = server.AdminClient();
        using var response = await client.PutAsync($"v3/roles/{priorId}/implies/{impliedId}", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Password authentication by user id, scoped by id (project, domain or system); null when refused.</summary>
    public async Task<(HttpStatusCode Status, string? Token, JsonObject Body)> AuthenticateAsync(string userId, string password,
        string? projectId = null, string? domainId = null, bool system = false)
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
        else if (domainId is not null) auth["scope"] = new JsonObject { ["domain"] = new JsonObject { ["id"] = domainId } };
        else if (system) auth["scope"] = new JsonObject { ["system"] = new JsonObject { ["all"] = true } };
        using var client = server.Client();
        using var response = await client.PostAsync("v3/auth/tokens", IdentityServer.Json(new JsonObject { ["auth"] = auth }));
        var token = response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.Single() : null;
        return (response.StatusCode, token, await IdentityServer.ReadAsync(response));
    }

    /// <summary>Validates <paramref name="token"/> as admin: the status and, when valid, the role names in it.</summary>
    public async Task<(HttpStatusCode Status, List<string> Roles)> ValidateAsync(string token)
    {
        using var client = server.AdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "v3/auth/tokens?nocatalog");
        request.Headers.Add("X-Subject-Token", token);
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK) return (response.StatusCode, []);
        var body = await IdentityServer.ReadAsync(response);
        return (response.StatusCode, body["token"]!["roles"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Order().ToList());
    }

    private async Task WriteAsync(Action<IdentityDb> change)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        change(db);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<IdentityRevision>().BumpAsync(db);
    }
}
