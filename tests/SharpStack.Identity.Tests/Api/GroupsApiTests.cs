using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Tests.Api;

public sealed class GroupsApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    [Fact]
    public async Task Create_get_update_list_delete()
    {
        var name = UserApiClient.Unique("g");
        var group = await server.CreateGroupAsync(new JsonObject { ["name"] = " " + name, ["x-y"] = 1 });
        Assert.Equal(name, group["name"]!.GetValue<string>());
        Assert.Equal("default", group["domain_id"]!.GetValue<string>());
        // Keystone defaults a missing description to "".
        Assert.Equal("", group["description"]!.GetValue<string>());
        Assert.Equal(1, group["x_y"]!.GetValue<int>());
        Assert.EndsWith("/v3/groups/" + group.Id(), group["links"]!["self"]!.GetValue<string>());
        var nullDescription = await server.CreateGroupAsync(new JsonObject { ["name"] = UserApiClient.Unique("g"), ["description"] = null });
        Assert.Null(nullDescription["description"]);
        Assert.True(nullDescription.ContainsKey("description"));

        using var client = server.AdminClient();
        using var patch = await client.PatchAsync("v3/groups/" + group.Id(),
            IdentityServer.Json(new JsonObject { ["group"] = new JsonObject { ["description"] = "dd", ["a:b"] = 2 } }));
        var updated = (await IdentityServer.ReadAsync(patch))["group"]!.AsObject();
        Assert.Equal("dd", updated["description"]!.GetValue<string>());
        Assert.Equal(name, updated["name"]!.GetValue<string>());
        Assert.Equal(2, updated["a:b"]!.GetValue<int>());
        Assert.Equal(1, updated["x_y"]!.GetValue<int>());

        using var get = await client.GetAsync("v3/groups/" + group.Id());
        Assert.Equal(updated.ToJsonString(), (await IdentityServer.ReadAsync(get))["group"]!.ToJsonString());

        using var byName = await client.GetAsync("v3/groups?name=" + name);
        Assert.Equal([group.Id()], (await IdentityServer.ReadAsync(byName))["groups"]!.AsArray().Select(g => g!["id"]!.GetValue<string>()));
        using var contains = await client.GetAsync("v3/groups?name__icontains=" + name.ToUpperInvariant());
        Assert.Single((await IdentityServer.ReadAsync(contains))["groups"]!.AsArray());
        using var otherDomain = await client.GetAsync("v3/groups?domain_id=nope");
        Assert.Empty((await IdentityServer.ReadAsync(otherDomain))["groups"]!.AsArray());

        using var delete = await client.DeleteAsync("v3/groups/" + group.Id());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await client.GetAsync("v3/groups/" + group.Id());
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal($"Could not find group: {group.Id()}.", await UserApiClient.ErrorAsync(gone));
    }

    [Fact]
    public async Task Bad_input_conflicts_and_unknown_ids()
    {
        var name = UserApiClient.Unique("g");
        await server.CreateGroupAsync(new JsonObject { ["name"] = name });
        using var client = server.AdminClient();
        async Task<(HttpStatusCode, string)> Post(JsonObject group)
        {
            using var r = await client.PostAsync("v3/groups", IdentityServer.Json(new JsonObject { ["group"] = group }));
            return (r.StatusCode, await UserApiClient.ErrorAsync(r));
        }

        var (status, message) = await Post(new JsonObject { ["name"] = name });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal($"Conflict occurred attempting to store group - Duplicate entry found with name {name} at domain ID default.", message);
        (status, message) = await Post(new JsonObject());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("'name' is a required property", message);
        (status, message) = await Post(new JsonObject { ["name"] = "x", ["domain_id"] = "nope" });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Could not find domain: nope.", message);
        var tooLong = new string('g', 100);
        (status, message) = await Post(new JsonObject { ["name"] = tooLong });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"String length exceeded. The length of string '{tooLong}' exceeds the limit of column name(CHAR(64)).", message);

        using var domain = await client.PatchAsync("v3/groups/nope", IdentityServer.Json(new JsonObject { ["group"] = new JsonObject { ["name"] = "x" } }));
        Assert.Equal(HttpStatusCode.NotFound, domain.StatusCode);
        using var delete = await client.DeleteAsync("v3/groups/nope");
        Assert.Equal("Could not find group: nope.", await UserApiClient.ErrorAsync(delete));
        using var members = await client.GetAsync("v3/groups/nope/users");
        Assert.Equal(HttpStatusCode.NotFound, members.StatusCode);
    }

    [Fact]
    public async Task Membership_add_check_list_remove()
    {
        var group = await server.CreateGroupAsync();
        var users = new List<JsonObject>();
        using var client = server.AdminClient();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await server.CreateUserAsync(new JsonObject { ["name"] = UserApiClient.Unique("m"), ["enabled"] = i != 2 }));
            using var put = await client.PutAsync($"v3/groups/{group.Id()}/users/{users[i].Id()}", null);
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }
        using (var again = await client.PutAsync($"v3/groups/{group.Id()}/users/{users[0].Id()}", null))
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);

        using var list = await client.GetAsync($"v3/groups/{group.Id()}/users");
        var listed = (await IdentityServer.ReadAsync(list))["users"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(users.Select(u => u.Id()).Order().ToList(), listed);
        using var enabled = await client.GetAsync($"v3/groups/{group.Id()}/users?enabled=false");
        Assert.Equal([users[2].Id()], (await IdentityServer.ReadAsync(enabled))["users"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()));

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"v3/groups/{group.Id()}/users/{users[0].Id()}"));
        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
        using var get = await client.GetAsync($"v3/groups/{group.Id()}/users/{users[0].Id()}");
        Assert.Equal(HttpStatusCode.NoContent, get.StatusCode);

        using var userGroups = await client.GetAsync($"v3/users/{users[0].Id()}/groups");
        var groups = (await IdentityServer.ReadAsync(userGroups))["groups"]!.AsArray();
        var only = Assert.Single(groups)!.AsObject();
        Assert.Equal(group.Id(), only["id"]!.GetValue<string>());
        Assert.True(only.ContainsKey("membership_expires_at"));
        Assert.Null(only["membership_expires_at"]);

        foreach (var u in users)
        {
            using var remove = await client.DeleteAsync($"v3/groups/{group.Id()}/users/{u.Id()}");
            Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        }
        using var empty = await client.GetAsync($"v3/groups/{group.Id()}/users");
        Assert.Empty((await IdentityServer.ReadAsync(empty))["users"]!.AsArray());

        using var notMember = await client.GetAsync($"v3/groups/{group.Id()}/users/{users[0].Id()}");
        Assert.Equal(HttpStatusCode.NotFound, notMember.StatusCode);
        Assert.Equal($"User '{users[0].Id()}' not found in group '{group.Id()}'", await UserApiClient.ErrorAsync(notMember));
        using var removeAgain = await client.DeleteAsync($"v3/groups/{group.Id()}/users/{users[0].Id()}");
        Assert.Equal($"User '{users[0].Id()}' not found in group '{group.Id()}'", await UserApiClient.ErrorAsync(removeAgain));
        using var noUser = await client.PutAsync($"v3/groups/{group.Id()}/users/nouser", null);
        Assert.Equal("Could not find user: nouser.", await UserApiClient.ErrorAsync(noUser));
        using var noGroup = await client.PutAsync($"v3/groups/nogroup/users/nouser", null);
        Assert.Equal("Could not find group: nogroup.", await UserApiClient.ErrorAsync(noGroup));
    }

    [Fact]
    public async Task Removing_a_member_revokes_its_tokens()
    {
        var group = await server.CreateGroupAsync();
        var user = await server.CreateUserAsync("pw");
        using var client = server.AdminClient();
        using (await client.PutAsync($"v3/groups/{group.Id()}/users/{user.Id()}", null)) { }
        var token = await server.TokenForAsync(user.Id(), "pw");
        await Task.Delay(1100);
        using (await client.DeleteAsync($"v3/groups/{group.Id()}/users/{user.Id()}")) { }
        Assert.False(await server.TokenValidAsync(token));
    }

    [Fact]
    public async Task Deleting_a_group_removes_memberships_and_assignments()
    {
        var group = await server.CreateGroupAsync();
        var user = await server.CreateUserAsync("pw");
        using var client = server.AdminClient();
        using (await client.PutAsync($"v3/groups/{group.Id()}/users/{user.Id()}", null)) { }
        await server.WithDbAsync(async db =>
        {
            var role = await db.Roles.FirstAsync(r => r.Name == "member");
            db.Assignments.Add(new AssignmentRow { Type = AssignmentType.GroupDomain, ActorId = group.Id(), TargetId = "default", RoleId = role.Id });
        });
        var token = await server.TokenForAsync(user.Id(), "pw");
        await Task.Delay(1100);
        using var delete = await client.DeleteAsync("v3/groups/" + group.Id());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        // The group carried a role, so its members' tokens are revoked.
        Assert.False(await server.TokenValidAsync(token));
        var leftovers = await server.QueryDbAsync(async db =>
            await db.GroupMemberships.CountAsync(m => m.GroupId == group.Id()) + await db.Assignments.CountAsync(a => a.ActorId == group.Id()));
        Assert.Equal(0, leftovers);
        using var userGroups = await client.GetAsync($"v3/users/{user.Id()}/groups");
        Assert.Empty((await IdentityServer.ReadAsync(userGroups))["groups"]!.AsArray());
    }

    [Fact]
    public async Task Non_admin_cannot_manage_groups()
    {
        var user = await server.CreateUserAsync("pw");
        var group = await server.CreateGroupAsync();
        using var client = server.Client(await server.TokenForAsync(user.Id(), "pw"));
        using var create = await client.PostAsync("v3/groups", IdentityServer.Json(new JsonObject { ["group"] = new JsonObject { ["name"] = "x" } }));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("You are not authorized to perform the requested action: identity:create_group.", await UserApiClient.ErrorAsync(create));
        using var add = await client.PutAsync($"v3/groups/{group.Id()}/users/{user.Id()}", null);
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
        using var get = await client.GetAsync("v3/groups/" + group.Id());
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
    }
}
