using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage.Entities;
using static SharpStack.Identity.Tests.Api.Resources.ResourceTestData;

namespace SharpStack.Identity.Tests.Api.Resources;

public sealed class DomainsApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    [Fact]
    public async Task Create_get_list_update_delete()
    {
        using var client = server.AdminClient();
        var name = Unique("dom");
        var created = (await ExpectAsync(client, "POST", "v3/domains",
            new JsonObject { ["domain"] = new JsonObject { ["name"] = "  " + name + " ", ["tags"] = new JsonArray("b", "a"), ["x-attr"] = 1, ["id"] = "ignored" } },
            HttpStatusCode.Created))!["domain"]!.AsObject();
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(32, id.Length);
        Assert.Equal(name, created["name"]!.GetValue<string>());
        Assert.Equal("", created["description"]!.GetValue<string>());
        Assert.True(created["enabled"]!.GetValue<bool>());
        Assert.Equal(1, created["x_attr"]!.GetValue<int>());
        Assert.Empty(created["options"]!.AsObject());
        Assert.Null(created["domain_id"]);
        Assert.False(created.ContainsKey("is_domain"));
        Assert.EndsWith("/v3/domains/" + id, created["links"]!["self"]!.GetValue<string>());

        var shown = (await ExpectAsync(client, "GET", "v3/domains/" + id, null, HttpStatusCode.OK))!["domain"]!;
        Assert.Equal(new[] { "a", "b" }, shown["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        var asProject = (await ExpectAsync(client, "GET", "v3/projects/" + id, null, HttpStatusCode.OK))!["project"]!;
        Assert.True(asProject["is_domain"]!.GetValue<bool>());
        Assert.Null(asProject["domain_id"]);
        Assert.Null(asProject["parent_id"]);

        var byName = (await ExpectAsync(client, "GET", "v3/domains?name=" + name, null, HttpStatusCode.OK))!["domains"]!.AsArray();
        Assert.Equal(id, Assert.Single(byName)!["id"]!.GetValue<string>());
        var disabledOnly = (await ExpectAsync(client, "GET", "v3/domains?enabled=false&name__startswith=" + name[..8], null, HttpStatusCode.OK))!["domains"]!.AsArray();
        Assert.DoesNotContain(disabledOnly, d => d!["id"]!.GetValue<string>() == id);

        var updated = (await ExpectAsync(client, "PATCH", "v3/domains/" + id,
            new JsonObject { ["domain"] = new JsonObject { ["enabled"] = false, ["description"] = null, ["name"] = name + "2", ["domain_id"] = "x", ["parent_id"] = "y" } },
            HttpStatusCode.OK))!["domain"]!;
        Assert.False(updated["enabled"]!.GetValue<bool>());
        Assert.Null(updated["description"]);
        Assert.Equal(name + "2", updated["name"]!.GetValue<string>());
        Assert.False(updated.AsObject().ContainsKey("extra"));

        await ExpectAsync(client, "DELETE", "v3/domains/" + id, null, HttpStatusCode.NoContent);
        await ExpectErrorAsync(client, "GET", "v3/domains/" + id, null, HttpStatusCode.NotFound, $"Could not find domain: {id}.");
        var all = (await ExpectAsync(client, "GET", "v3/domains", null, HttpStatusCode.OK))!["domains"]!.AsArray();
        Assert.DoesNotContain(all, d => d!["id"]!.GetValue<string>() == id);
        Assert.Contains(all, d => d!["id"]!.GetValue<string>() == "default");
    }

    [Fact]
    public async Task Enabled_domain_cannot_be_deleted_and_names_are_unique()
    {
        using var client = server.AdminClient();
        var name = Unique("dom");
        var id = await CreateDomainAsync(client, name);
        await ExpectErrorAsync(client, "DELETE", "v3/domains/" + id, null, HttpStatusCode.Forbidden,
            "Cannot delete a domain that is enabled, please disable it first.");
        await ExpectErrorAsync(client, "POST", "v3/domains", new JsonObject { ["domain"] = new JsonObject { ["name"] = name } }, HttpStatusCode.Conflict,
            $"Conflict occurred attempting to store project - it is not permitted to have two projects acting as domains with the same name: {name}.");
        var other = await CreateDomainAsync(client);
        await ExpectErrorAsync(client, "PATCH", "v3/domains/" + other, new JsonObject { ["domain"] = new JsonObject { ["name"] = name } }, HttpStatusCode.Conflict,
            $"Conflict occurred attempting to store project - it is not permitted to have two projects acting as domains with the same name: {name}.");
        await DeleteDomainAsync(client, id);
        await DeleteDomainAsync(client, other);
    }

    [Fact]
    public async Task Explicit_domain_id_must_be_a_uuid_hex()
    {
        using var client = server.AdminClient();
        var explicitId = Guid.NewGuid().ToString("N");
        var created = (await ExpectAsync(client, "POST", "v3/domains",
            new JsonObject { ["domain"] = new JsonObject { ["name"] = Unique("dom"), ["explicit_domain_id"] = explicitId } }, HttpStatusCode.Created))!["domain"]!;
        Assert.Equal(explicitId, created["id"]!.GetValue<string>());
        Assert.Equal(explicitId, created["explicit_domain_id"]!.GetValue<string>());
        foreach (var bad in new JsonNode[] { "not-a-uuid", explicitId.ToUpperInvariant(), 5 })
        {
            await ExpectErrorAsync(client, "POST", "v3/domains",
                new JsonObject { ["domain"] = new JsonObject { ["name"] = Unique("dom"), ["explicit_domain_id"] = bad.DeepClone() } },
                HttpStatusCode.BadRequest, "Domain ID does not conform to required UUID format.");
        }
        await DeleteDomainAsync(client, explicitId);
    }

    [Theory]
    [InlineData("""{"domain": {"name": ""}}""", "Invalid input for field 'name': '' is too short")]
    [InlineData("""{"domain": {"name": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "is too long")]
    [InlineData("""{"domain": {"name": " "}}""", "Invalid input for field 'name': ' ' does not match '[\\\\S]+'")]
    [InlineData("""{"domain": {"name": 5}}""", "Invalid input for field 'name': 5 is not of type 'string'")]
    [InlineData("""{"domain": {"name": "x", "enabled": null}}""", "Invalid input for field 'enabled': None is not of type 'boolean'")]
    [InlineData("""{"domain": {"name": "x", "enabled": "true"}}""", "Invalid input for field 'enabled': 'true' is not of type 'boolean'")]
    [InlineData("""{"domain": {"name": "x", "tags": ["a", "a"]}}""", "Invalid input for field 'tags': ['a', 'a'] has non-unique elements")]
    [InlineData("""{"domain": {"name": "x", "tags": ["a/b"]}}""", "Invalid input for field 'tags/0': 'a/b' does not match '^[^,/]*$'")]
    [InlineData("""{"domain": {"name": "x", "description": 5}}""", "Invalid input for field 'description': 5 is not of type 'string', 'null'")]
    [InlineData("""{"domain": {}}""", "'name' is a required property")]
    [InlineData("""{}""", "'name' is a required property")]
    [InlineData("""{"domain": "x"}""", "'x' is not of type 'object'")]
    [InlineData("""{"domain": null}""", "None is not of type 'object'")]
    [InlineData("""{"domain": {"name": "x", "options": {"immutable": "x"}}}""", "Expected boolean value, got <class 'str'>")]
    [InlineData("""[1]""", "Expecting to find valid JSON in request body.")]
    [InlineData("""{"domain": """, "Expecting to find valid JSON in request body.")]
    public async Task Bad_create_requests_are_400_with_keystone_texts(string body, string message)
    {
        using var client = server.AdminClient();
        using var response = await SendRawAsync(client, "POST", "v3/domains", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await MessageAsync(response));
    }

    [Fact]
    public async Task Body_without_content_type_is_read_as_json_and_other_types_are_refused()
    {
        using var client = server.AdminClient();
        using var plain = await SendRawAsync(client, "POST", "v3/domains", """{"domain": {}}""", "text/plain");
        Assert.StartsWith("Expecting to find application/json in Content-Type header.", await MessageAsync(plain));
        using var none = await SendRawAsync(client, "POST", "v3/domains", """{"domain": {}}""", contentType: null);
        Assert.StartsWith("'name' is a required property", await MessageAsync(none));
    }

    [Fact]
    public async Task Duplicate_json_keys_keep_the_last_value_as_python_does()
    {
        using var client = server.AdminClient();
        var name = Unique("dom");
        using var response = await SendRawAsync(client, "POST", "v3/domains", $$$"""{"domain": {"name": "first", "name": "{{{name}}}"}}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["domain"]!["id"]!.GetValue<string>();
        Assert.Equal(name, (await ExpectAsync(client, "GET", "v3/domains/" + id, null, HttpStatusCode.OK))!["domain"]!["name"]!.GetValue<string>());
        await DeleteDomainAsync(client, id);
    }

    [Fact]
    public async Task Unknown_domains_are_404()
    {
        using var client = server.AdminClient();
        var project = await CreateProjectAsync(client);
        var projectId = project["id"]!.GetValue<string>();
        foreach (var id in new[] { "nope", projectId })
        {
            await ExpectErrorAsync(client, "GET", "v3/domains/" + id, null, HttpStatusCode.NotFound, $"Could not find domain: {id}.");
            await ExpectErrorAsync(client, "PATCH", "v3/domains/" + id, new JsonObject { ["domain"] = new JsonObject { ["name"] = "x" } }, HttpStatusCode.NotFound, $"Could not find domain: {id}.");
            await ExpectErrorAsync(client, "DELETE", "v3/domains/" + id, null, HttpStatusCode.NotFound, $"Could not find domain: {id}.");
        }
        await ExpectErrorAsync(client, "PATCH", "v3/domains/nope", new JsonObject { ["domain"] = new JsonObject() }, HttpStatusCode.NotFound, "Could not find domain: nope.");
    }

    [Fact]
    public async Task Immutable_domain_refuses_changes_and_deletion_until_cleared_through_the_projects_api()
    {
        using var client = server.AdminClient();
        var id = (await ExpectAsync(client, "POST", "v3/domains",
            new JsonObject { ["domain"] = new JsonObject { ["name"] = Unique("dom"), ["options"] = new JsonObject { ["immutable"] = true } } },
            HttpStatusCode.Created))!["domain"]!["id"]!.GetValue<string>();
        var forbidden = $"Unable to update immutable domain resource: `{id}. Set resource option \"immutable\" to false first.";
        await ExpectErrorAsync(client, "PATCH", "v3/domains/" + id, new JsonObject { ["domain"] = new JsonObject { ["enabled"] = false } }, HttpStatusCode.Forbidden, forbidden);
        // The domain API adds is_domain/domain_id/parent_id to every change, so it can never clear the option itself.
        await ExpectErrorAsync(client, "PATCH", "v3/domains/" + id,
            new JsonObject { ["domain"] = new JsonObject { ["options"] = new JsonObject { ["immutable"] = false } } }, HttpStatusCode.Forbidden, forbidden);
        await ExpectErrorAsync(client, "DELETE", "v3/domains/" + id, null, HttpStatusCode.Forbidden,
            $"Unable to delete immutable domain resource: `{id}. Set resource option \"immutable\" to false first.");
        var cleared = (await ExpectAsync(client, "PATCH", "v3/projects/" + id,
            new JsonObject { ["project"] = new JsonObject { ["options"] = new JsonObject { ["immutable"] = null } } }, HttpStatusCode.OK))!["project"]!;
        Assert.Empty(cleared["options"]!.AsObject());
        await DeleteDomainAsync(client, id);
    }

    [Fact]
    public async Task Deleting_a_domain_deletes_its_projects_users_groups_assignments_and_configuration()
    {
        using var client = server.AdminClient();
        var domainId = await CreateDomainAsync(client);
        var top = (await CreateProjectAsync(client, new JsonObject { ["domain_id"] = domainId }))["id"]!.GetValue<string>();
        var child = (await CreateProjectAsync(client, new JsonObject { ["parent_id"] = top, ["domain_id"] = domainId }))["id"]!.GetValue<string>();
        var userId = await CreateUserAsync(server, Unique("user"), "secret-1", domainId, projectId: child, roleDomainId: domainId);
        var outsider = await CreateUserAsync(server, Unique("user"), "secret-2", "default", projectId: top);
        var groupId = Guid.NewGuid().ToString("N");
        await QueryAsync(server, async db =>
        {
            db.Groups.Add(new GroupRow { Id = groupId, Name = Unique("group"), DomainId = domainId });
            db.IdentityProviders.Add(new IdentityProviderRow { Id = "idp-" + groupId, DomainId = domainId, Enabled = true });
            db.GroupMemberships.Add(new GroupMembershipRow { UserId = outsider, GroupId = groupId });
            await db.Users.Where(u => u.Id == outsider).ExecuteUpdateAsync(s => s.SetProperty(u => u.DefaultProjectId, child));
            return await db.SaveChangesAsync();
        });
        await ExpectAsync(client, "PUT", $"v3/domains/{domainId}/config",
            new JsonObject { ["config"] = new JsonObject { ["identity"] = new JsonObject { ["driver"] = "ldap" } } }, HttpStatusCode.Created);

        await DeleteDomainAsync(client, domainId);

        var left = await QueryAsync(server, async db => new
        {
            Projects = await db.Projects.CountAsync(p => p.Id == domainId || p.DomainId == domainId),
            Users = await db.Users.CountAsync(u => u.Id == userId),
            Groups = await db.Groups.CountAsync(g => g.Id == groupId),
            Memberships = await db.GroupMemberships.CountAsync(m => m.GroupId == groupId),
            Assignments = await db.Assignments.CountAsync(a => a.ActorId == userId || a.TargetId == domainId || a.TargetId == top || a.TargetId == child),
            Config = await db.DomainConfigs.CountAsync(c => c.DomainId == domainId),
            IdentityProviders = await db.IdentityProviders.CountAsync(i => i.DomainId == domainId),
            OutsiderDefault = await db.Users.Where(u => u.Id == outsider).Select(u => u.DefaultProjectId).SingleAsync(),
            Revoked = await db.RevocationEvents.CountAsync(e => e.UserId == userId || e.ProjectId == child),
        });
        Assert.Equal(0, left.Projects);
        Assert.Equal(0, left.Users);
        Assert.Equal(0, left.Groups);
        Assert.Equal(0, left.Memberships);
        Assert.Equal(0, left.Assignments);
        Assert.Equal(0, left.Config);
        Assert.Equal(0, left.IdentityProviders);
        Assert.Null(left.OutsiderDefault);
        Assert.Equal(2, left.Revoked);
    }

    [Fact]
    public async Task Domain_with_an_immutable_project_is_not_deleted_at_all()
    {
        using var client = server.AdminClient();
        var domainId = await CreateDomainAsync(client);
        var project = (await CreateProjectAsync(client, new JsonObject { ["domain_id"] = domainId, ["options"] = new JsonObject { ["immutable"] = true } }))["id"]!.GetValue<string>();
        var other = (await CreateProjectAsync(client, new JsonObject { ["domain_id"] = domainId }))["id"]!.GetValue<string>();
        await ExpectAsync(client, "PATCH", "v3/domains/" + domainId, new JsonObject { ["domain"] = new JsonObject { ["enabled"] = false } }, HttpStatusCode.OK);
        await ExpectErrorAsync(client, "DELETE", "v3/domains/" + domainId, null, HttpStatusCode.Forbidden,
            $"Unable to delete immutable project resource: `{project}. Set resource option \"immutable\" to false first.");
        await ExpectAsync(client, "GET", "v3/projects/" + other, null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Non_admins_may_read_their_own_domain_only()
    {
        using var admin = server.AdminClient();
        var domainId = await CreateDomainAsync(admin);
        var project = (await CreateProjectAsync(admin, new JsonObject { ["domain_id"] = domainId }))["id"]!.GetValue<string>();
        var name = Unique("user");
        await CreateUserAsync(server, name, "secret-3", domainId, projectId: project);
        using var member = server.Client(await TokenAsync(server, name, "secret-3", domainId, projectId: project));
        await ExpectAsync(member, "GET", "v3/domains/" + domainId, null, HttpStatusCode.OK);
        await ExpectErrorAsync(member, "GET", "v3/domains/default", null, HttpStatusCode.Forbidden,
            "You are not authorized to perform the requested action: identity:get_domain.");
        await ExpectErrorAsync(member, "GET", "v3/domains", null, HttpStatusCode.Forbidden,
            "You are not authorized to perform the requested action: identity:list_domains.");
        await ExpectErrorAsync(member, "POST", "v3/domains", new JsonObject { ["domain"] = new JsonObject { ["name"] = "x" } }, HttpStatusCode.Forbidden,
            "You are not authorized to perform the requested action: identity:create_domain.");
        await ExpectErrorAsync(member, "DELETE", "v3/domains/nope", null, HttpStatusCode.NotFound, "Could not find domain: nope.");
    }
}
