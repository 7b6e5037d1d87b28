using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Tests.Api;

public sealed class UsersApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    [Fact]
    public async Task Create_returns_keystone_shape_with_extras_and_never_the_password()
    {
        var name = UserApiClient.Unique("u");
        using var client = server.AdminClient();
        using var response = await client.PostAsync("v3/users", IdentityServer.Json(new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["name"] = "  " + name + " ",
                ["password"] = "secret-1",
                ["email"] = "a@example.org",
                ["description"] = "d",
                ["x-y"] = new JsonObject { ["n"] = 1 },
                ["options"] = new JsonObject { ["lock_password"] = true, ["multi_factor_auth_rules"] = new JsonArray(new JsonArray("password", "totp")) },
            },
        }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.DoesNotContain("secret-1", text);
        var user = JsonNode.Parse(text)!["user"]!.AsObject();
        Assert.Equal(name, user["name"]!.GetValue<string>());
        Assert.Equal("default", user["domain_id"]!.GetValue<string>());
        Assert.True(user["enabled"]!.GetValue<bool>());
        Assert.Null(user["password_expires_at"]);
        Assert.True(user.ContainsKey("password_expires_at"));
        Assert.False(user.ContainsKey("default_project_id"));
        Assert.False(user.ContainsKey("password"));
        Assert.Equal("a@example.org", user["email"]!.GetValue<string>());
        Assert.Equal("d", user["description"]!.GetValue<string>());
        // Keystone's create turns '-' and ':' in keys into '_'.
        Assert.Equal(1, user["x_y"]!["n"]!.GetValue<int>());
        Assert.True(user["options"]!["lock_password"]!.GetValue<bool>());
        Assert.Equal(32, user.Id().Length);
        Assert.EndsWith("/v3/users/" + user.Id(), user["links"]!["self"]!.GetValue<string>());

        using var get = await client.GetAsync("v3/users/" + user.Id());
        var fetched = (await IdentityServer.ReadAsync(get))["user"]!.AsObject();
        Assert.Equal(user.ToJsonString(), fetched.ToJsonString());
    }

    [Fact]
    public async Task Bad_input_answers_keystone_texts()
    {
        using var client = server.AdminClient();
        async Task<(HttpStatusCode, string)> Post(JsonNode body)
        {
            using var r = await client.PostAsync("v3/users", IdentityServer.Json(body));
            return (r.StatusCode, await UserApiClient.ErrorAsync(r));
        }

        var (status, message) = await Post(new JsonObject { ["user"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        // The whole python-jsonschema text, stray top-level "options" included, as the reference answered it.
        Assert.Equal(File.ReadAllText(TestFiles.PathOf("keystone-user-create-no-name.txt")), message);

        (status, message) = await Post(new JsonObject { ["user"] = new JsonObject { ["name"] = "x", ["enabled"] = "yes" } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Invalid input for field 'enabled': 'yes' is not of type 'boolean'\n\nFailed validating 'type' in schema['properties']['enabled']:\n    {'enum': [True, False, None], 'type': 'boolean'}\n\nOn instance['enabled']:\n    'yes'", message);

        (status, message) = await Post(new JsonObject { ["user"] = new JsonObject { ["name"] = "x", ["options"] = new JsonObject { ["bogus"] = true } } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Invalid input for field 'options': Additional properties are not allowed ('bogus' was unexpected)", message);

        (status, message) = await Post(new JsonObject { ["user"] = new JsonObject { ["name"] = "x", ["options"] = new JsonObject { ["multi_factor_auth_rules"] = new JsonArray(new JsonArray("a", "a")) } } });
        Assert.StartsWith("Invalid input for field 'options/multi_factor_auth_rules/0': ['a', 'a'] has non-unique elements", message);
        (status, message) = await Post(new JsonObject { ["user"] = new JsonObject { ["name"] = "x", ["options"] = new JsonObject { ["multi_factor_auth_rules"] = new JsonArray(new JsonArray()) } } });
        Assert.StartsWith("Invalid input for field 'options/multi_factor_auth_rules/0': [] is too short", message);

        (status, message) = await Post(new JsonObject { ["user"] = "x" });
        Assert.StartsWith("'x' is not of type 'object'", message);

        (status, message) = await Post(new JsonObject { ["user"] = new JsonObject { ["name"] = "   " } });
        Assert.StartsWith("Invalid input for field 'name': '   ' does not match '[\\\\S]+'", message);

        (status, message) = await Post(new JsonObject { ["user"] = new JsonObject { ["name"] = "x", ["domain_id"] = "nope" } });
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Could not find domain: nope.", message);

        (status, message) = await Post(new JsonObject { ["user"] = new JsonObject { ["name"] = "x", ["default_project_id"] = "default" } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("User's default project ID cannot be a domain ID: default", message);

        (status, message) = await Post(new JsonObject { ["user"] = new JsonObject { ["name"] = "x", ["federated"] = new JsonArray(new JsonObject { ["idp_id"] = "nope", ["protocols"] = new JsonArray(new JsonObject { ["protocol_id"] = "p", ["unique_id"] = "u" }) }) } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Could not find Identity Provider: nope", message);
    }

    [Fact]
    public async Task Duplicate_name_in_a_domain_is_a_conflict()
    {
        var name = UserApiClient.Unique("dup");
        await server.CreateUserAsync(new JsonObject { ["name"] = name });
        using var client = server.AdminClient();
        using var response = await client.PostAsync("v3/users", IdentityServer.Json(new JsonObject { ["user"] = new JsonObject { ["name"] = name } }));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal($"Conflict occurred attempting to store user - Duplicate entry found with name {name} at domain ID default.", await UserApiClient.ErrorAsync(response));

        var other = await server.CreateUserAsync(new JsonObject { ["name"] = UserApiClient.Unique("dup") });
        using var rename = await server.PatchUserAsync(other.Id(), new JsonObject { ["name"] = name });
        Assert.Equal(HttpStatusCode.Conflict, rename.StatusCode);
        Assert.Equal($"Conflict occurred attempting to store user - Duplicate entry found with name {name}.", await UserApiClient.ErrorAsync(rename));
    }

    [Fact]
    public async Task Unknown_user_is_404_with_keystone_text()
    {
        using var client = server.AdminClient();
        foreach (var (method, path) in new[] { ("GET", "v3/users/nope"), ("DELETE", "v3/users/nope"), ("GET", "v3/users/nope/groups"), ("GET", "v3/users/nope/projects") })
        {
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Could not find user: nope.", await UserApiClient.ErrorAsync(response));
        }
        using var patch = await server.PatchUserAsync("nope", new JsonObject { ["name"] = "x" });
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "v3/users/nope"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task Update_merges_extras_and_options_and_answers_the_extra_dict()
    {
        var user = await server.CreateUserAsync(new JsonObject
        {
            ["name"] = UserApiClient.Unique("u"), ["email"] = "a@b", ["description"] = "d",
            ["options"] = new JsonObject { ["lock_password"] = true, ["ignore_password_expiry"] = true },
        });
        using var response = await server.PatchUserAsync(user.Id(), new JsonObject
        {
            ["email"] = null, ["project_id"] = "p1", ["a:b"] = 1, ["default_project_id"] = "nonexistent",
            ["options"] = new JsonObject { ["lock_password"] = null }, ["password_expires_at"] = "2020-01-01T00:00:00",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = (await IdentityServer.ReadAsync(response))["user"]!.AsObject();
        Assert.Null(updated["email"]);
        Assert.True(updated.ContainsKey("email"));
        Assert.Equal("d", updated["description"]!.GetValue<string>());
        Assert.Equal("p1", updated["project_id"]!.GetValue<string>());
        // Only create normalizes keys.
        Assert.Equal(1, updated["a:b"]!.GetValue<int>());
        Assert.Equal("nonexistent", updated["default_project_id"]!.GetValue<string>());
        Assert.Null(updated["password_expires_at"]);
        Assert.Equal(new JsonObject { ["ignore_password_expiry"] = true }.ToJsonString(), updated["options"]!.ToJsonString());
        var extra = updated["extra"]!.AsObject();
        Assert.Equal("d", extra["description"]!.GetValue<string>());
        Assert.Equal("p1", extra["project_id"]!.GetValue<string>());

        using var client = server.AdminClient();
        using var get = await client.GetAsync("v3/users/" + user.Id());
        var fetched = (await IdentityServer.ReadAsync(get))["user"]!.AsObject();
        Assert.False(fetched.ContainsKey("extra"));
        Assert.Equal("p1", fetched["project_id"]!.GetValue<string>());

        using var clear = await server.PatchUserAsync(user.Id(), new JsonObject { ["default_project_id"] = null });
        Assert.False((await IdentityServer.ReadAsync(clear))["user"]!.AsObject().ContainsKey("default_project_id"));
    }

    [Fact]
    public async Task Update_refuses_id_and_domain_changes_and_empty_bodies()
    {
        var user = await server.CreateUserAsync(new JsonObject { ["name"] = UserApiClient.Unique("u") });
        using var domain = await server.PatchUserAsync(user.Id(), new JsonObject { ["domain_id"] = "other" });
        Assert.Equal(HttpStatusCode.BadRequest, domain.StatusCode);
        Assert.Equal("Cannot change Domain ID", await UserApiClient.ErrorAsync(domain));
        using var sameDomain = await server.PatchUserAsync(user.Id(), new JsonObject { ["domain_id"] = "default" });
        Assert.Equal(HttpStatusCode.OK, sameDomain.StatusCode);
        using var id = await server.PatchUserAsync(user.Id(), new JsonObject { ["id"] = "zzz" });
        Assert.Equal(HttpStatusCode.BadRequest, id.StatusCode);
        Assert.Equal("Cannot change ID", await UserApiClient.ErrorAsync(id));
        using var empty = await server.PatchUserAsync(user.Id(), new JsonObject());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.StartsWith("{} does not have enough properties", await UserApiClient.ErrorAsync(empty));
        using var project = await server.PatchUserAsync(user.Id(), new JsonObject { ["default_project_id"] = "default" });
        Assert.Equal("User's default project ID cannot be a domain ID: default", await UserApiClient.ErrorAsync(project));
    }

    [Fact]
    public async Task Disabling_or_resetting_the_password_revokes_tokens()
    {
        var user = await server.CreateUserAsync("pw-1");
        var token = await server.TokenForAsync(user.Id(), "pw-1");
        Assert.True(await server.TokenValidAsync(token));
        await Task.Delay(1100); // revocation is to the second: a token of the same second would be revoked too
        using (var rename = await server.PatchUserAsync(user.Id(), new JsonObject { ["name"] = UserApiClient.Unique("renamed") }))
            Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        Assert.True(await server.TokenValidAsync(token));

        using (var reset = await server.PatchUserAsync(user.Id(), new JsonObject { ["password"] = "pw-2" }))
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.False(await server.TokenValidAsync(token));
        using (var old = await server.AuthAsync(user.Id(), "pw-1"))
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);

        await Task.Delay(1100);
        token = await server.TokenForAsync(user.Id(), "pw-2");
        await Task.Delay(1100);
        using (var disable = await server.PatchUserAsync(user.Id(), new JsonObject { ["enabled"] = false }))
            Assert.False((await IdentityServer.ReadAsync(disable))["user"]!["enabled"]!.GetValue<bool>());
        Assert.False(await server.TokenValidAsync(token));
        using (var disabled = await server.AuthAsync(user.Id(), "pw-2"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, disabled.StatusCode);
            Assert.Equal("The request you have made requires authentication.", await UserApiClient.ErrorAsync(disabled));
        }
        using (var enable = await server.PatchUserAsync(user.Id(), new JsonObject { ["enabled"] = true }))
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        await server.TokenForAsync(user.Id(), "pw-2");
    }

    [Fact]
    public async Task Self_service_password_change_needs_no_token_and_revokes_old_tokens()
    {
        var user = await server.CreateUserAsync("old-pass");
        var token = await server.TokenForAsync(user.Id(), "old-pass");
        await Task.Delay(1100);

        using (var wrong = await server.ChangePasswordAsync(user.Id(), "not-it", "new-pass"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("The request you have made requires authentication.", await UserApiClient.ErrorAsync(wrong));
        }
        using (var unknown = await server.ChangePasswordAsync("nope", "x", "y"))
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);

        using (var ok = await server.ChangePasswordAsync(user.Id(), "old-pass", "new-pass"))
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.False(await server.TokenValidAsync(token));
        using (var old = await server.AuthAsync(user.Id(), "old-pass"))
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        await server.TokenForAsync(user.Id(), "new-pass");
        // Without [security_compliance] the same password may be set again.
        using (var same = await server.ChangePasswordAsync(user.Id(), "new-pass", "new-pass"))
            Assert.Equal(HttpStatusCode.NoContent, same.StatusCode);

        using var client = server.Client();
        using var get = await client.GetAsync($"v3/users/{user.Id()}/password");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
    }

    [Fact]
    public async Task Self_service_change_refused_by_lock_password_and_bad_bodies()
    {
        var user = await server.CreateUserAsync("pw", new JsonObject { ["lock_password"] = true });
        using (var locked = await server.ChangePasswordAsync(user.Id(), "pw", "pw-2"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
            Assert.Equal("You cannot change your password at this time due to password policy disallowing password changes. Please contact your administrator to reset your password.",
                await UserApiClient.ErrorAsync(locked));
        }
        // The lock is checked after the original password.
        using (var wrong = await server.ChangePasswordAsync(user.Id(), "bad", "pw-2"))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        // An administrator may still reset it.
        using (var reset = await server.PatchUserAsync(user.Id(), new JsonObject { ["password"] = "pw-3" }))
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        await server.TokenForAsync(user.Id(), "pw-3");

        using var client = server.Client();
        using var missing = await client.PostAsync($"v3/users/{user.Id()}/password",
            IdentityServer.Json(new JsonObject { ["user"] = new JsonObject { ["original_password"] = "pw-3" } }));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.StartsWith("'password' is a required property\n\nFailed validating 'required' in schema:", await UserApiClient.ErrorAsync(missing));
        using var extra = await client.PostAsync($"v3/users/{user.Id()}/password",
            IdentityServer.Json(new JsonObject { ["user"] = new JsonObject { ["original_password"] = "pw-3", ["password"] = "x", ["extra"] = 1 } }));
        Assert.StartsWith("Additional properties are not allowed ('extra' was unexpected)", await UserApiClient.ErrorAsync(extra));
        using var type = await client.PostAsync($"v3/users/{user.Id()}/password",
            IdentityServer.Json(new JsonObject { ["user"] = new JsonObject { ["original_password"] = 5, ["password"] = "x" } }));
        Assert.StartsWith("Invalid input for field 'original_password': 5 is not of type 'string'", await UserApiClient.ErrorAsync(type));
    }

    [Fact]
    public async Task List_filters_by_name_enabled_domain_and_inexact_name()
    {
        var stem = UserApiClient.Unique("lst");
        var a = await server.CreateUserAsync(new JsonObject { ["name"] = stem + "-Alpha" });
        var b = await server.CreateUserAsync(new JsonObject { ["name"] = stem + "-beta", ["enabled"] = false });
        using var client = server.AdminClient();

        async Task<List<string>> Ids(string query)
        {
            using var r = await client.GetAsync("v3/users" + query);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var body = await IdentityServer.ReadAsync(r);
            Assert.EndsWith("/v3/users" + query, body["links"]!["self"]!.GetValue<string>());
            return body["users"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()).ToList();
        }

        Assert.Equal([a.Id()], await Ids("?name=" + stem + "-Alpha"));
        Assert.Equal(new[] { a.Id(), b.Id() }.Order(), (await Ids("?name__contains=" + stem)).Order());
        Assert.Empty(await Ids("?name__contains=" + stem + "-alpha"));
        Assert.Equal([a.Id()], await Ids("?name__icontains=" + stem + "-alpha"));
        Assert.Equal([b.Id()], (await Ids("?enabled=false")).Intersect([a.Id(), b.Id()]).ToList());
        Assert.Contains(a.Id(), await Ids("?enabled=true&domain_id=default"));
        Assert.Empty(await Ids("?domain_id=nope"));
        // Attributes that are not filters are ignored; federated ones match no local user.
        Assert.Contains(a.Id(), await Ids("?email=nobody"));
        Assert.Empty(await Ids("?idp_id=x"));

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "v3/users"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task Password_expires_at_filter_validates_operator_and_timestamp()
    {
        using var client = server.AdminClient();
        using var op = await client.GetAsync("v3/users?password_expires_at=xx:2020-01-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, op.StatusCode);
        Assert.Equal("The given operator xx is not valid. It must be one of the following: 'eq', 'neq', 'lt', 'lte', 'gt', or 'gte'.", await UserApiClient.ErrorAsync(op));
        using var ts = await client.GetAsync("v3/users?password_expires_at=lt:notatime");
        Assert.Equal(HttpStatusCode.BadRequest, ts.StatusCode);
        Assert.Equal("Timestamp not in expected format. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.", await UserApiClient.ErrorAsync(ts));

        // A password replaced by another one expires at that moment: the history makes the user match.
        var user = await server.CreateUserAsync("p1");
        using (await server.PatchUserAsync(user.Id(), new JsonObject { ["password"] = "p2" })) { }
        var fresh = await server.CreateUserAsync("p1");
        using var lt = await client.GetAsync("v3/users?password_expires_at=lt:2999-01-01T00:00:00Z");
        var ids = (await IdentityServer.ReadAsync(lt))["users"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(user.Id(), ids);
        Assert.DoesNotContain(fresh.Id(), ids);
        using var eq = await client.GetAsync("v3/users?password_expires_at=2999-01-01T00:00:00Z");
        Assert.Empty((await IdentityServer.ReadAsync(eq))["users"]!.AsArray());
    }

    [Fact]
    public async Task Non_admin_can_read_itself_but_not_others()
    {
        var me = await server.CreateUserAsync("mine");
        var other = await server.CreateUserAsync("theirs");
        var token = await server.TokenForAsync(me.Id(), "mine");
        using var client = server.Client(token);
        using var self = await client.GetAsync("v3/users/" + me.Id());
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        using var groups = await client.GetAsync($"v3/users/{me.Id()}/groups");
        Assert.Equal(HttpStatusCode.OK, groups.StatusCode);
        using var others = await client.GetAsync("v3/users/" + other.Id());
        Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
        Assert.Equal("You are not authorized to perform the requested action: identity:get_user.", await UserApiClient.ErrorAsync(others));
        using var list = await client.GetAsync("v3/users");
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        using var create = await client.PostAsync("v3/users", IdentityServer.Json(new JsonObject { ["user"] = new JsonObject { ["name"] = "x" } }));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        using var anonymous = server.Client();
        using var unauthenticated = await anonymous.GetAsync("v3/users");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task User_projects_lists_assigned_projects_enabled_or_not()
    {
        var user = await server.CreateUserAsync("pw");
        var group = await server.CreateGroupAsync();
        using (var client = server.AdminClient())
        using (await client.PutAsync($"v3/groups/{group.Id()}/users/{user.Id()}", null)) { }
        string direct = Guid.NewGuid().ToString("N"), viaGroup = Guid.NewGuid().ToString("N"), disabled = Guid.NewGuid().ToString("N");
        await server.WithDbAsync(async db =>
        {
            var role = await db.Roles.FirstAsync(r => r.Name == "member");
            foreach (var (id, enabled) in new[] { (direct, true), (viaGroup, true), (disabled, false) })
                db.Projects.Add(new ProjectRow { Id = id, Name = "p-" + id[..8], DomainId = "default", ParentId = "default", Enabled = enabled });
            db.Assignments.Add(new AssignmentRow { Type = AssignmentType.UserProject, ActorId = user.Id(), TargetId = direct, RoleId = role.Id });
            db.Assignments.Add(new AssignmentRow { Type = AssignmentType.GroupProject, ActorId = group.Id(), TargetId = viaGroup, RoleId = role.Id });
            db.Assignments.Add(new AssignmentRow { Type = AssignmentType.UserProject, ActorId = user.Id(), TargetId = disabled, RoleId = role.Id });
        });
        using var admin = server.AdminClient();
        using var response = await admin.GetAsync($"v3/users/{user.Id()}/projects");
        var ids = (await IdentityServer.ReadAsync(response))["projects"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(new[] { direct, viaGroup, disabled }.Order().ToList(), ids);
        using var enabledOnly = await admin.GetAsync($"v3/users/{user.Id()}/projects?enabled=true");
        Assert.Equal(2, (await IdentityServer.ReadAsync(enabledOnly))["projects"]!.AsArray().Count);
    }

    [Fact]
    public async Task Delete_removes_what_the_user_owns_and_revokes_tokens()
    {
        var user = await server.CreateUserAsync("pw");
        var group = await server.CreateGroupAsync();
        using var client = server.AdminClient();
        using (await client.PutAsync($"v3/groups/{group.Id()}/users/{user.Id()}", null)) { }
        var project = await server.QueryDbAsync(db => db.Projects.Where(p => p.Name == "admin").Select(p => p.Id).FirstAsync());
        await server.WithDbAsync(async db =>
        {
            var role = await db.Roles.FirstAsync(r => r.Name == "member");
            db.Assignments.Add(new AssignmentRow { Type = AssignmentType.UserProject, ActorId = user.Id(), TargetId = project, RoleId = role.Id });
            db.SystemAssignments.Add(new SystemAssignmentRow { Type = AssignmentType.UserSystem, ActorId = user.Id(), RoleId = role.Id });
            db.Credentials.Add(new CredentialRow { Id = Guid.NewGuid().ToString("N"), UserId = user.Id(), Type = "ec2", EncryptedBlob = "x", KeyHash = "k" });
        });
        var token = await server.TokenForAsync(user.Id(), "pw", project);
        Assert.True(await server.TokenValidAsync(token));

        using var delete = await client.DeleteAsync("v3/users/" + user.Id());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.False(await server.TokenValidAsync(token));
        using var gone = await client.GetAsync("v3/users/" + user.Id());
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var leftovers = await server.QueryDbAsync(async db =>
            await db.GroupMemberships.CountAsync(m => m.UserId == user.Id())
            + await db.Passwords.CountAsync(p => p.UserId == user.Id())
            + await db.Assignments.CountAsync(a => a.ActorId == user.Id())
            + await db.SystemAssignments.CountAsync(a => a.ActorId == user.Id())
            + await db.Credentials.CountAsync(c => c.UserId == user.Id()));
        Assert.Equal(0, leftovers);
    }

    [Fact]
    public async Task Domain_scoped_caller_defaults_new_users_to_its_domain()
    {
        var admin = await server.QueryDbAsync(db => db.Users.Where(u => u.Name == "admin").Select(u => u.Id).FirstAsync());
        await server.WithDbAsync(async db =>
        {
            var role = await db.Roles.FirstAsync(r => r.Name == "admin");
            if (!await db.Assignments.AnyAsync(a => a.ActorId == admin && a.TargetId == "default" && a.RoleId == role.Id))
                db.Assignments.Add(new AssignmentRow { Type = AssignmentType.UserDomain, ActorId = admin, TargetId = "default", RoleId = role.Id });
        });
        var token = await server.TokenAsync("admin", server.AdminPassword, domain: "default");
        using var client = server.Client(token);
        using var create = await client.PostAsync("v3/users", IdentityServer.Json(new JsonObject { ["user"] = new JsonObject { ["name"] = UserApiClient.Unique("d") } }));
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal("default", (await IdentityServer.ReadAsync(create))["user"]!["domain_id"]!.GetValue<string>());
        using var list = await client.GetAsync("v3/users");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.All((await IdentityServer.ReadAsync(list))["users"]!.AsArray(), u => Assert.Equal("default", u!["domain_id"]!.GetValue<string>()));
    }
}
