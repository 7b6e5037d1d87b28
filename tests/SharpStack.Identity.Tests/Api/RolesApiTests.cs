using System.Net;
using System.Text.Json.Nodes;

namespace SharpStack.Identity.Tests.Api;

public sealed class RolesApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private readonly AssignmentTestData _data = new(server);

    private static StringContent Role(JsonObject role) => IdentityServer.Json(new JsonObject { ["role"] = role });

    private static async Task<string> MessageAsync(HttpResponseMessage r) =>
        (await IdentityServer.ReadAsync(r))["error"]!["message"]!.GetValue<string>();

    [Fact]
    public async Task Create_get_update_list_delete_a_global_role()
    {
        using var client = server.AdminClient();
        var name = AssignmentTestData.Unique("role");
        using var created = await client.PostAsync("v3/roles", Role(new JsonObject { ["name"] = name, ["description"] = "d", ["extra-attr"] = "x" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var role = (await IdentityServer.ReadAsync(created))["role"]!.AsObject();
        var id = role["id"]!.GetValue<string>();
        // Extra attributes come first (with Keystone's normalized name), then the columns in Keystone's order.
        Assert.Equal(["extra_attr", "id", "name", "domain_id", "description", "options", "links"], role.Select(p => p.Key));
        Assert.Null(role["domain_id"]);
        Assert.Equal(new JsonObject().ToJsonString(), role["options"]!.ToJsonString());
        Assert.EndsWith("/v3/roles/" + id, role["links"]!["self"]!.GetValue<string>());

        using var patched = await client.PatchAsync("v3/roles/" + id, Role(new JsonObject { ["name"] = name + "-new", ["extra_attr"] = null }));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var updated = (await IdentityServer.ReadAsync(patched))["role"]!;
        Assert.Equal(name + "-new", updated["name"]!.GetValue<string>());
        Assert.Equal("d", updated["description"]!.GetValue<string>());
        Assert.True(updated.AsObject().ContainsKey("extra_attr"));

        using var got = await client.GetAsync("v3/roles/" + id);
        Assert.Equal(name + "-new", (await IdentityServer.ReadAsync(got))["role"]!["name"]!.GetValue<string>());

        using var list = await client.GetAsync("v3/roles");
        var ids = (await IdentityServer.ReadAsync(list))["roles"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(id, ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);

        using var deleted = await client.DeleteAsync("v3/roles/" + id);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetAsync("v3/roles/" + id);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal($"Could not find role: {id}.", await MessageAsync(gone));
        using var again = await client.DeleteAsync("v3/roles/" + id);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Client_ids_are_replaced_and_client_links_kept_as_keystone_does()
    {
        using var client = server.AdminClient();
        using var created = await client.PostAsync("v3/roles", Role(new JsonObject
        {
            ["name"] = AssignmentTestData.Unique("ln"), ["id"] = "mine", ["links"] = new JsonObject { ["x"] = 1 }, ["domain_id"] = 5,
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var role = (await IdentityServer.ReadAsync(created))["role"]!.AsObject();
        var id = role["id"]!.GetValue<string>();
        Assert.NotEqual("mine", id);
        Assert.Equal("links", role.First().Key);
        Assert.Equal(1, role["links"]!["x"]!.GetValue<int>());
        Assert.EndsWith("/v3/roles/" + id, role["links"]!["self"]!.GetValue<string>());
        Assert.Equal("5", role["domain_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Names_are_unique_per_domain_with_keystone_conflict_texts()
    {
        using var client = server.AdminClient();
        var name = AssignmentTestData.Unique("dup");
        var domain = await _data.DomainAsync();
        await _data.RoleAsync(name);
        await _data.RoleAsync(name, domain);
        using var global = await client.PostAsync("v3/roles", Role(new JsonObject { ["name"] = name }));
        Assert.Equal(HttpStatusCode.Conflict, global.StatusCode);
        Assert.Equal($"Conflict occurred attempting to store role - Duplicate entry found with name {name}.", await MessageAsync(global));
        using var inDomain = await client.PostAsync("v3/roles", Role(new JsonObject { ["name"] = name, ["domain_id"] = domain }));
        Assert.Equal(HttpStatusCode.Conflict, inDomain.StatusCode);
        Assert.Equal($"Conflict occurred attempting to store role - Duplicate entry found with name {name} at domain ID {domain}.", await MessageAsync(inDomain));

        var other = await _data.RoleAsync();
        using var rename = await client.PatchAsync("v3/roles/" + other, Role(new JsonObject { ["name"] = name }));
        Assert.Equal(HttpStatusCode.Conflict, rename.StatusCode);
        Assert.Equal($"Conflict occurred attempting to store role - Duplicate entry found with name {name}.", await MessageAsync(rename));
    }

    [Fact]
    public async Task Domain_roles_are_listed_only_with_a_domain_filter()
    {
        using var client = server.AdminClient();
        var domain = await _data.DomainAsync();
        var name = AssignmentTestData.Unique("dr");
        var domainRole = await _data.RoleAsync(name, domain);

        using var global = await client.GetAsync("v3/roles");
        Assert.DoesNotContain((await IdentityServer.ReadAsync(global))["roles"]!.AsArray(), r => r!["id"]!.GetValue<string>() == domainRole);

        using var byDomain = await client.GetAsync("v3/roles?domain_id=" + domain);
        var roles = (await IdentityServer.ReadAsync(byDomain))["roles"]!.AsArray();
        Assert.Equal(domainRole, Assert.Single(roles)!["id"]!.GetValue<string>());
        Assert.Equal(domain, roles[0]!["domain_id"]!.GetValue<string>());

        using var byName = await client.GetAsync($"v3/roles?name={name}");
        Assert.Empty((await IdentityServer.ReadAsync(byName))["roles"]!.AsArray());
        using var contains = await client.GetAsync("v3/roles?name__icontains=ADMI");
        Assert.Equal("admin", Assert.Single((await IdentityServer.ReadAsync(contains))["roles"]!.AsArray())!["name"]!.GetValue<string>());

        using var update = await client.PatchAsync("v3/roles/" + domainRole, Role(new JsonObject { ["domain_id"] = null }));
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        Assert.Equal("Update of `domain_id` is not allowed.", await MessageAsync(update));
        using var same = await client.PatchAsync("v3/roles/" + domainRole, Role(new JsonObject { ["domain_id"] = domain, ["description"] = "ok" }));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
    }

    [Fact]
    public async Task Immutable_roles_refuse_changes_until_the_option_is_cleared()
    {
        using var client = server.AdminClient();
        using var created = await client.PostAsync("v3/roles", Role(new JsonObject
        {
            ["name"] = AssignmentTestData.Unique("imm"), ["options"] = new JsonObject { ["immutable"] = true },
        }));
        var id = (await IdentityServer.ReadAsync(created))["role"]!["id"]!.GetValue<string>();

        using var update = await client.PatchAsync("v3/roles/" + id, Role(new JsonObject { ["description"] = "x" }));
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal($"Unable to update immutable role resource: `{id}. Set resource option \"immutable\" to false first.", await MessageAsync(update));
        using var delete = await client.DeleteAsync("v3/roles/" + id);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal($"Unable to delete immutable role resource: `{id}. Set resource option \"immutable\" to false first.", await MessageAsync(delete));
        using var mixed = await client.PatchAsync("v3/roles/" + id, Role(new JsonObject
        {
            ["options"] = new JsonObject { ["immutable"] = false }, ["description"] = "x",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, mixed.StatusCode);

        using var clear = await client.PatchAsync("v3/roles/" + id, Role(new JsonObject { ["options"] = new JsonObject { ["immutable"] = null } }));
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        Assert.Equal("{}", (await IdentityServer.ReadAsync(clear))["role"]!["options"]!.ToJsonString());
        using var deleted = await client.DeleteAsync("v3/roles/" + id);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task Bootstrap_roles_are_immutable()
    {
        using var client = server.AdminClient();
        var admin = await _data.RoleIdAsync("admin");
        using var got = await client.GetAsync("v3/roles/" + admin);
        Assert.True((await IdentityServer.ReadAsync(got))["role"]!["options"]!["immutable"]!.GetValue<bool>());
        using var delete = await client.DeleteAsync("v3/roles/" + admin);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
    }

    [Theory]
    [InlineData("""{"role": {}}""", "'name' is a required property")]
    [InlineData("""{}""", "'name' is a required property")]
    [InlineData("""{"role": {"name": ""}}""", "Invalid input for field 'name'")]
    [InlineData("""{"role": {"name": "   "}}""", "Invalid input for field 'name'")]
    [InlineData("""{"role": {"name": 5}}""", "Invalid input for field 'name'")]
    [InlineData("""{"role": {"name": "r", "description": 5}}""", "Invalid input for field 'description'")]
    [InlineData("""{"role": {"name": "r", "options": {"other": true}}}""", "Invalid input for field 'options'")]
    [InlineData("""{"role": {"name": "r", "options": {"immutable": "yes"}}}""", "Invalid input for field 'options/immutable'")]
    [InlineData("""{"role": "r"}""", "Invalid input for field 'role'")]
    public async Task Bad_create_requests_are_400(string body, string message)
    {
        using var client = server.AdminClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("v3/roles", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await MessageAsync(response));
    }

    [Fact]
    public async Task Values_longer_than_their_column_are_400()
    {
        using var client = server.AdminClient();
        var description = new string('d', 256);
        using var create = await client.PostAsync("v3/roles", Role(new JsonObject { ["name"] = AssignmentTestData.Unique("long"), ["description"] = description }));
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal($"String length exceeded. The length of string '{description}' exceeds the limit of column description(CHAR(255)).", await MessageAsync(create));
        var domainId = new string('x', 65);
        using var domain = await client.PostAsync("v3/roles", Role(new JsonObject { ["name"] = AssignmentTestData.Unique("long"), ["domain_id"] = domainId }));
        Assert.Equal($"String length exceeded. The length of string '{domainId}' exceeds the limit of column domain_id(CHAR(64)).", await MessageAsync(domain));
        var id = await _data.RoleAsync();
        using var update = await client.PatchAsync("v3/roles/" + id, Role(new JsonObject { ["description"] = description }));
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
    }

    [Fact]
    public async Task Bad_updates_are_400()
    {
        using var client = server.AdminClient();
        var id = await _data.RoleAsync();
        using var empty = await client.PatchAsync("v3/roles/" + id, Role(new JsonObject()));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var otherId = await client.PatchAsync("v3/roles/" + id, Role(new JsonObject { ["id"] = "other" }));
        Assert.Equal(HttpStatusCode.BadRequest, otherId.StatusCode);
        Assert.Equal("Cannot change ID", await MessageAsync(otherId));
        using var sameId = await client.PatchAsync("v3/roles/" + id, Role(new JsonObject { ["id"] = id, ["description"] = "same" }));
        Assert.Equal(HttpStatusCode.OK, sameId.StatusCode);
        using var missing = await client.PatchAsync("v3/roles/nope", Role(new JsonObject { ["name"] = "x" }));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_role_removes_its_assignments_and_inference_rules()
    {
        using var client = server.AdminClient();
        var user = await _data.UserAsync();
        var project = await _data.ProjectAsync();
        var doomed = await _data.RoleAsync();
        var other = await _data.RoleAsync();
        await _data.GrantAsync($"projects/{project}/users/{user}/roles/{doomed}");
        await _data.GrantAsync($"system/users/{user}/roles/{doomed}");
        await _data.ImplyAsync(doomed, other);
        await _data.ImplyAsync(other, doomed);

        using var deleted = await client.DeleteAsync("v3/roles/" + doomed);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var assignments = await client.GetAsync("v3/role_assignments?user.id=" + user);
        Assert.Empty((await IdentityServer.ReadAsync(assignments))["role_assignments"]!.AsArray());
        using var rules = await client.GetAsync($"v3/roles/{other}/implies");
        Assert.Empty((await IdentityServer.ReadAsync(rules))["role_inference"]!["implies"]!.AsArray());
    }

    [Fact]
    public async Task A_member_token_cannot_manage_roles()
    {
        var user = await _data.UserAsync("pw-member");
        var project = await _data.ProjectAsync();
        await _data.GrantAsync($"projects/{project}/users/{user}/roles/{await _data.RoleIdAsync("member")}");
        var (_, token, _) = await _data.AuthenticateAsync(user, "pw-member", projectId: project);
        using var client = server.Client(token);
        using var create = await client.PostAsync("v3/roles", Role(new JsonObject { ["name"] = "nope" }));
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal("You are not authorized to perform the requested action: identity:create_role.", await MessageAsync(create));
        // A missing role is not revealed to a caller who may not read roles.
        using var get = await client.GetAsync("v3/roles/does-not-exist");
        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
    }
}
