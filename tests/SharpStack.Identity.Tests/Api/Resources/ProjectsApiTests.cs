using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Identity.Storage.Entities;
using static SharpStack.Identity.Tests.Api.Resources.ResourceTestData;

namespace SharpStack.Identity.Tests.Api.Resources;

public sealed class ProjectsApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private static JsonObject Project(JsonObject attributes) => new() { ["project"] = attributes };

    [Fact]
    public async Task Create_defaults_to_the_default_domain_and_shows_everything_keystone_shows()
    {
        using var client = server.AdminClient();
        var name = Unique("proj");
        var created = (await ExpectAsync(client, "POST", "v3/projects",
            Project(new JsonObject { ["name"] = name, ["tags"] = new JsonArray("b", "a"), ["extra:attr"] = "v", ["id"] = "ignored" }), HttpStatusCode.Created))!["project"]!;
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(32, id.Length);
        Assert.Equal("default", created["domain_id"]!.GetValue<string>());
        Assert.Equal("default", created["parent_id"]!.GetValue<string>());
        Assert.False(created["is_domain"]!.GetValue<bool>());
        Assert.True(created["enabled"]!.GetValue<bool>());
        Assert.Equal("", created["description"]!.GetValue<string>());
        Assert.Equal(new[] { "b", "a" }, created["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("v", created["extra_attr"]!.GetValue<string>());

        var shown = (await ExpectAsync(client, "GET", "v3/projects/" + id, null, HttpStatusCode.OK))!["project"]!.AsObject();
        var listed = (await ExpectAsync(client, "GET", "v3/projects", null, HttpStatusCode.OK))!["projects"]!.AsArray()
            .Single(p => p!["id"]!.GetValue<string>() == id)!.AsObject();
        Assert.True(JsonNode.DeepEquals(shown, listed));
        foreach (var field in new[] { "parent_id", "is_domain", "description", "links", "name", "enabled", "domain_id", "id", "tags", "options" })
            Assert.True(shown.ContainsKey(field), field);
    }

    [Fact]
    public async Task Hierarchy_rules_follow_keystone()
    {
        using var client = server.AdminClient();
        var domainId = await CreateDomainAsync(client);
        var top = await CreateProjectAsync(client, new JsonObject { ["domain_id"] = domainId });
        var topId = top["id"]!.GetValue<string>();
        Assert.Equal(domainId, top["parent_id"]!.GetValue<string>());
        var childId = (await CreateProjectAsync(client, new JsonObject { ["domain_id"] = domainId, ["parent_id"] = topId }))["id"]!.GetValue<string>();

        await ExpectErrorAsync(client, "POST", "v3/projects", Project(new JsonObject { ["name"] = "x", ["parent_id"] = topId }), HttpStatusCode.BadRequest,
            $"Cannot create project, since it specifies its domain_id default, but specifies a parent in a different domain ({domainId}).");
        await ExpectErrorAsync(client, "POST", "v3/projects", Project(new JsonObject { ["name"] = "x", ["parent_id"] = domainId }), HttpStatusCode.BadRequest,
            $"Cannot create project, the parent ({domainId}) is acting as a domain, but this project's domain id (default) does not match the parent's id.");
        await ExpectErrorAsync(client, "POST", "v3/projects", Project(new JsonObject { ["name"] = "x", ["domain_id"] = "nope" }), HttpStatusCode.BadRequest,
            "Could not find domain: nope.");
        await ExpectErrorAsync(client, "POST", "v3/projects", Project(new JsonObject { ["name"] = "x", ["domain_id"] = topId }), HttpStatusCode.BadRequest,
            $"Could not find domain: {topId}.");
        await ExpectErrorAsync(client, "POST", "v3/projects", Project(new JsonObject { ["name"] = "x", ["parent_id"] = "nope" }), HttpStatusCode.BadRequest,
            "Could not find project: nope.");

        await ExpectErrorAsync(client, "PATCH", "v3/projects/" + topId, Project(new JsonObject { ["enabled"] = false }), HttpStatusCode.Forbidden,
            $"Cannot disable project {topId} since its subtree contains enabled projects.");
        await ExpectAsync(client, "PATCH", "v3/projects/" + childId, Project(new JsonObject { ["enabled"] = false }), HttpStatusCode.OK);
        await ExpectAsync(client, "PATCH", "v3/projects/" + topId, Project(new JsonObject { ["enabled"] = false }), HttpStatusCode.OK);
        await ExpectErrorAsync(client, "PATCH", "v3/projects/" + childId, Project(new JsonObject { ["enabled"] = true }), HttpStatusCode.Forbidden,
            $"Cannot enable project {childId} since it has disabled parents");
        // Keystone treats a change without "enabled" as enabling: a disabled child of a disabled parent cannot be renamed.
        await ExpectErrorAsync(client, "PATCH", "v3/projects/" + childId, Project(new JsonObject { ["name"] = "renamed" }), HttpStatusCode.Forbidden,
            $"Cannot enable project {childId} since it has disabled parents");
        await ExpectErrorAsync(client, "POST", "v3/projects", Project(new JsonObject { ["name"] = "x", ["domain_id"] = domainId, ["parent_id"] = childId }),
            HttpStatusCode.BadRequest, $"cannot create a project in a branch containing a disabled project: {topId}");

        await ExpectErrorAsync(client, "DELETE", "v3/projects/" + topId, null, HttpStatusCode.Forbidden,
            $"Cannot delete the project {topId} since it is not a leaf in the hierarchy. Use the cascade option if you want to delete a whole subtree.");
        await ExpectAsync(client, "DELETE", "v3/projects/" + childId, null, HttpStatusCode.NoContent);
        await ExpectAsync(client, "DELETE", "v3/projects/" + topId, null, HttpStatusCode.NoContent);
        await ExpectErrorAsync(client, "DELETE", "v3/projects/" + topId, null, HttpStatusCode.NotFound, $"Could not find project: {topId}.");
        await DeleteDomainAsync(client, domainId);
    }

    [Fact]
    public async Task Depth_is_limited_to_max_project_tree_depth_below_the_domain()
    {
        using var client = server.AdminClient();
        var domainId = await CreateDomainAsync(client);
        var parent = domainId;
        for (var level = 1; level <= 5; level++)
            parent = (await CreateProjectAsync(client, new JsonObject { ["domain_id"] = domainId, ["parent_id"] = parent }))["id"]!.GetValue<string>();
        await ExpectErrorAsync(client, "POST", "v3/projects", Project(new JsonObject { ["name"] = "x", ["domain_id"] = domainId, ["parent_id"] = parent }),
            HttpStatusCode.Forbidden, $"Max hierarchy depth reached for {parent} branch.");
    }

    [Fact]
    public async Task Parents_and_subtree_as_ids_and_as_lists()
    {
        using var client = server.AdminClient();
        var top = (await CreateProjectAsync(client))["id"]!.GetValue<string>();
        var middle = (await CreateProjectAsync(client, new JsonObject { ["parent_id"] = top }))["id"]!.GetValue<string>();
        var leaf = (await CreateProjectAsync(client, new JsonObject { ["parent_id"] = middle }))["id"]!.GetValue<string>();

        var ids = (await ExpectAsync(client, "GET", $"v3/projects/{middle}?parents_as_ids&subtree_as_ids", null, HttpStatusCode.OK))!["project"]!;
        Assert.True(JsonNode.DeepEquals(new JsonObject { [top] = new JsonObject { ["default"] = null } }, ids["parents"]));
        Assert.True(JsonNode.DeepEquals(new JsonObject { [leaf] = null }, ids["subtree"]));
        var domain = (await ExpectAsync(client, "GET", "v3/projects/default?parents_as_ids", null, HttpStatusCode.OK))!["project"]!.AsObject();
        Assert.True(domain.ContainsKey("parents"));
        Assert.Null(domain["parents"]);
        var notAsked = (await ExpectAsync(client, "GET", $"v3/projects/{middle}?parents_as_ids=0", null, HttpStatusCode.OK))!["project"]!.AsObject();
        Assert.False(notAsked.ContainsKey("parents"));

        // Lists show only projects the caller has a role on: the admin has none on these until granted one.
        var hidden = (await ExpectAsync(client, "GET", $"v3/projects/{middle}?parents_as_list&subtree_as_list", null, HttpStatusCode.OK))!["project"]!;
        Assert.Empty(hidden["parents"]!.AsArray());
        Assert.Empty(hidden["subtree"]!.AsArray());
        await QueryAsync(server, async db =>
        {
            var admin = await db.Users.Where(u => u.Name == "admin").Select(u => u.Id).SingleAsync();
            var reader = await db.Roles.Where(r => r.Name == "reader").Select(r => r.Id).SingleAsync();
            db.Assignments.Add(new AssignmentRow { Type = AssignmentType.UserProject, ActorId = admin, TargetId = top, RoleId = reader, Inherited = true });
            return await db.SaveChangesAsync();
        });
        var shown = (await ExpectAsync(client, "GET", $"v3/projects/{middle}?parents_as_list&subtree_as_list&include_limits", null, HttpStatusCode.OK))!["project"]!;
        Assert.Empty(shown["parents"]!.AsArray());
        var sub = Assert.Single(shown["subtree"]!.AsArray())!["project"]!;
        Assert.Equal(leaf, sub["id"]!.GetValue<string>());
        Assert.Empty(sub["limits"]!.AsArray());

        await ExpectErrorAsync(client, "GET", $"v3/projects/{middle}?parents_as_list&parents_as_ids", null, HttpStatusCode.BadRequest,
            "Cannot use parents_as_list and parents_as_ids query params at the same time.");
        await ExpectErrorAsync(client, "GET", $"v3/projects/{middle}?subtree_as_list=1&subtree_as_ids=yes", null, HttpStatusCode.BadRequest,
            "Cannot use subtree_as_list and subtree_as_ids query params at the same time.");
    }

    [Fact]
    public async Task List_filters_by_attributes_and_tags()
    {
        using var client = server.AdminClient();
        var stamp = Unique("f");
        var a = (await CreateProjectAsync(client, new JsonObject { ["name"] = stamp + "-a", ["tags"] = new JsonArray("red", "blue") }))["id"]!.GetValue<string>();
        var b = (await CreateProjectAsync(client, new JsonObject { ["name"] = stamp + "-b", ["tags"] = new JsonArray("red"), ["enabled"] = false }))["id"]!.GetValue<string>();
        var c = (await CreateProjectAsync(client, new JsonObject { ["name"] = stamp + "-c", ["parent_id"] = a }))["id"]!.GetValue<string>();

        async Task<string[]> Ids(string query) =>
            (await ExpectAsync(client, "GET", $"v3/projects?name__startswith={stamp}&{query}", null, HttpStatusCode.OK))!["projects"]!.AsArray()
                .Select(p => p!["id"]!.GetValue<string>()).Order().ToArray();
        string[] Expected(params string[] ids) => ids.Order().ToArray();

        Assert.Equal(Expected(a, b, c), await Ids(""));
        Assert.Equal(Expected(b), await Ids("enabled=false"));
        Assert.Equal(Expected(a, c), await Ids("enabled=True"));
        Assert.Equal(Expected(c), await Ids("parent_id=" + a));
        Assert.Equal(Expected(a), await Ids("name=" + stamp + "-a"));
        Assert.Equal(Expected(a, b, c), await Ids("domain_id=default"));
        Assert.Equal(Expected(a, b), await Ids("tags=red"));
        Assert.Equal(Expected(a), await Ids("tags=red,blue"));
        Assert.Equal(Expected(a, b), await Ids("tags-any=blue,red"));
        Assert.Equal(Expected(b, c), await Ids("not-tags=blue"));
        Assert.Equal(Expected(c), await Ids("not-tags-any=red,blue"));
        Assert.Equal(Expected(a), await Ids("tags=red&tags-any=blue"));
        Assert.Empty(await Ids("is_domain=true"));
        Assert.Equal(Expected(b), await Ids("name__icontains=" + stamp.ToUpperInvariant() + "-B"));

        var domains = (await ExpectAsync(client, "GET", "v3/projects?is_domain=1&name=Default", null, HttpStatusCode.OK))!["projects"]!.AsArray();
        Assert.Equal("default", Assert.Single(domains)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Project_acting_as_a_domain()
    {
        using var client = server.AdminClient();
        var created = (await ExpectAsync(client, "POST", "v3/projects", Project(new JsonObject { ["name"] = Unique("pd"), ["is_domain"] = true, ["domain_id"] = null }),
            HttpStatusCode.Created))!["project"]!;
        var id = created["id"]!.GetValue<string>();
        Assert.Null(created["domain_id"]);
        Assert.Null(created["parent_id"]);
        await ExpectAsync(client, "GET", "v3/domains/" + id, null, HttpStatusCode.OK);
        var domainsList = (await ExpectAsync(client, "GET", "v3/domains", null, HttpStatusCode.OK))!["domains"]!.AsArray();
        Assert.Contains(domainsList, d => d!["id"]!.GetValue<string>() == id);
        await ExpectErrorAsync(client, "POST", "v3/projects", Project(new JsonObject { ["name"] = "x", ["is_domain"] = true, ["domain_id"] = "default" }),
            HttpStatusCode.BadRequest, "only root projects are allowed to act as domains.");
        await ExpectErrorAsync(client, "PATCH", "v3/projects/" + id, Project(new JsonObject { ["is_domain"] = false }), HttpStatusCode.BadRequest,
            "Update of `is_domain` is not allowed.");
        await ExpectErrorAsync(client, "DELETE", "v3/projects/" + id, null, HttpStatusCode.Forbidden,
            "Cannot delete a domain that is enabled, please disable it first.");
        await ExpectAsync(client, "PATCH", "v3/projects/" + id, Project(new JsonObject { ["enabled"] = false }), HttpStatusCode.OK);
        await ExpectAsync(client, "DELETE", "v3/projects/" + id, null, HttpStatusCode.NoContent);
        await ExpectErrorAsync(client, "GET", "v3/domains/" + id, null, HttpStatusCode.NotFound, $"Could not find domain: {id}.");
    }

    [Fact]
    public async Task Update_rules_and_response()
    {
        using var client = server.AdminClient();
        var existing = (await CreateProjectAsync(client))["name"]!.GetValue<string>();
        var project = await CreateProjectAsync(client, new JsonObject { ["keep"] = 1 });
        var id = project["id"]!.GetValue<string>();
        var path = "v3/projects/" + id;
        var updated = (await ExpectAsync(client, "PATCH", path,
            Project(new JsonObject { ["name"] = "  renamed-" + id[..8] + " ", ["description"] = null, ["added"] = "v", ["id"] = id, ["domain_id"] = "default", ["parent_id"] = "default" }),
            HttpStatusCode.OK))!["project"]!;
        Assert.Equal("renamed-" + id[..8], updated["name"]!.GetValue<string>());
        Assert.Null(updated["description"]);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["keep"] = 1, ["added"] = "v" }, updated["extra"]));
        var shown = (await ExpectAsync(client, "GET", path, null, HttpStatusCode.OK))!["project"]!.AsObject();
        Assert.False(shown.ContainsKey("extra"));
        Assert.Equal("v", shown["added"]!.GetValue<string>());

        await ExpectErrorAsync(client, "PATCH", path, Project(new JsonObject { ["domain_id"] = "other" }), HttpStatusCode.BadRequest, "Cannot change Domain ID");
        await ExpectErrorAsync(client, "PATCH", path, Project(new JsonObject { ["parent_id"] = id }), HttpStatusCode.Forbidden, "Update of `parent_id` is not allowed.");
        await ExpectErrorAsync(client, "PATCH", path, Project(new JsonObject { ["id"] = "other" }), HttpStatusCode.BadRequest, "Cannot change ID");
        await ExpectErrorAsync(client, "PATCH", path, Project(new JsonObject { ["name"] = existing }), HttpStatusCode.Conflict,
            $"Conflict occurred attempting to store project - it is not permitted to have two projects with either the same name or same id in the same domain: name is {existing}, project id {id}.");
        await ExpectErrorAsync(client, "PATCH", "v3/projects/nope", Project(new JsonObject { ["name"] = "x" }), HttpStatusCode.NotFound, "Could not find project: nope.");
        using var empty = await SendAsync(client, "PATCH", path, Project([]));
        Assert.StartsWith("{} does not have enough properties", await MessageAsync(empty));

        await ExpectAsync(client, "PATCH", path, Project(new JsonObject { ["options"] = new JsonObject { ["immutable"] = true } }), HttpStatusCode.OK);
        var forbidden = $"Unable to update immutable project resource: `{id}. Set resource option \"immutable\" to false first.";
        await ExpectErrorAsync(client, "PATCH", path, Project(new JsonObject { ["name"] = "x" }), HttpStatusCode.Forbidden, forbidden);
        await ExpectErrorAsync(client, "PATCH", path, Project(new JsonObject { ["options"] = new JsonObject { ["immutable"] = true } }), HttpStatusCode.Forbidden, forbidden);
        await ExpectErrorAsync(client, "DELETE", path, null, HttpStatusCode.Forbidden,
            $"Unable to delete immutable project resource: `{id}. Set resource option \"immutable\" to false first.");
        await ExpectAsync(client, "PATCH", path, Project(new JsonObject { ["options"] = new JsonObject { ["immutable"] = false } }), HttpStatusCode.OK);
        await ExpectAsync(client, "DELETE", path, null, HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("""{"project": {"name": ""}}""", "Invalid input for field 'name': '' is too short")]
    [InlineData("""{"project": {"name": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "is too long")]
    [InlineData("""{"project": {"name": "x", "domain_id": "no pe"}}""", "Invalid input for field 'domain_id': 'no pe' does not match '^[a-zA-Z0-9-]+$'")]
    [InlineData("""{"project": {"name": "x", "parent_id": 5}}""", "Invalid input for field 'parent_id': 5 is not of type 'string', 'null'")]
    [InlineData("""{"project": {"name": "x", "is_domain": "yes"}}""", "Invalid input for field 'is_domain': 'yes' is not of type 'boolean'")]
    [InlineData("""{"project": {"name": "x", "options": {"foo": 1}}}""", "Invalid input for field 'options': Additional properties are not allowed ('foo' was unexpected)")]
    [InlineData("""{"project": {"name": "x", "options": {"immutable": "x"}}}""", "Invalid input for field 'options/immutable': 'x' is not of type 'boolean', 'null'")]
    [InlineData("""{"project": {"name": "x", "tags": "a"}}""", "Invalid input for field 'tags': 'a' is not of type 'array'")]
    [InlineData("""{"project": {"name": "x", "tags": ["a,b"]}}""", "Invalid input for field 'tags/0': 'a,b' does not match '^[^,/]*$'")]
    [InlineData("""{"project": []}""", "[] is not of type 'object'")]
    [InlineData("""{}""", "'name' is a required property")]
    [InlineData("""{"project": """, "Expecting to find valid JSON in request body.")]
    public async Task Bad_create_requests_are_400_with_keystone_texts(string body, string message)
    {
        using var client = server.AdminClient();
        using var response = await SendRawAsync(client, "POST", "v3/projects", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await MessageAsync(response));
    }

    [Fact]
    public async Task Duplicate_names_conflict_within_a_domain_only()
    {
        using var client = server.AdminClient();
        var name = Unique("dup");
        await CreateProjectAsync(client, new JsonObject { ["name"] = name });
        using var dup = await SendAsync(client, "POST", "v3/projects", Project(new JsonObject { ["name"] = name }));
        Assert.Equal(HttpStatusCode.Conflict, dup.StatusCode);
        Assert.StartsWith($"Conflict occurred attempting to store project - it is not permitted to have two projects with either the same name or same id in the same domain: name is {name}, project id ",
            await MessageAsync(dup));
        var domainId = await CreateDomainAsync(client);
        await CreateProjectAsync(client, new JsonObject { ["name"] = name, ["domain_id"] = domainId });
    }

    [Fact]
    public async Task Deleting_a_project_removes_what_hangs_on_it_and_revokes_its_tokens()
    {
        using var client = server.AdminClient();
        var id = (await CreateProjectAsync(client))["id"]!.GetValue<string>();
        var name = Unique("user");
        var userId = await CreateUserAsync(server, name, "secret-4", projectId: id);
        var token = await TokenAsync(server, name, "secret-4", "default", projectId: id);
        using (var check = new HttpRequestMessage(HttpMethod.Get, "v3/auth/tokens"))
        {
            check.Headers.Add("X-Subject-Token", token);
            using var ok = await client.SendAsync(check);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        await ExpectAsync(client, "DELETE", "v3/projects/" + id, null, HttpStatusCode.NoContent);
        using (var check = new HttpRequestMessage(HttpMethod.Get, "v3/auth/tokens"))
        {
            check.Headers.Add("X-Subject-Token", token);
            using var gone = await client.SendAsync(check);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        Assert.Equal(0, await QueryAsync(server, db => db.Assignments.CountAsync(a => a.TargetId == id || a.ActorId == userId)));
    }

    [Fact]
    public async Task Non_admins_cannot_manage_projects_and_domain_readers_list_their_domain()
    {
        using var admin = server.AdminClient();
        var own = (await CreateProjectAsync(admin))["id"]!.GetValue<string>();
        var name = Unique("user");
        await CreateUserAsync(server, name, "secret-5", projectId: own);
        using var member = server.Client(await TokenAsync(server, name, "secret-5", "default", projectId: own));
        await ExpectErrorAsync(member, "GET", "v3/projects", null, HttpStatusCode.Forbidden,
            "You are not authorized to perform the requested action: identity:list_projects.");
        await ExpectErrorAsync(member, "POST", "v3/projects", Project(new JsonObject { ["name"] = "x" }), HttpStatusCode.Forbidden,
            "You are not authorized to perform the requested action: identity:create_project.");
        await ExpectErrorAsync(member, "DELETE", "v3/projects/" + own, null, HttpStatusCode.Forbidden,
            "You are not authorized to perform the requested action: identity:delete_project.");
        await ExpectAsync(member, "GET", "v3/projects/" + own, null, HttpStatusCode.OK);
        var other = (await CreateProjectAsync(admin))["id"]!.GetValue<string>();
        await ExpectErrorAsync(member, "GET", "v3/projects/" + other, null, HttpStatusCode.Forbidden,
            "You are not authorized to perform the requested action: identity:get_project.");
        // As in Keystone: a domain's domain_id is None, which matches the None domain of a project-scoped token.
        await ExpectAsync(member, "GET", "v3/projects/default", null, HttpStatusCode.OK);

        var domainId = await CreateDomainAsync(admin);
        var inDomain = (await CreateProjectAsync(admin, new JsonObject { ["domain_id"] = domainId }))["id"]!.GetValue<string>();
        var readerName = Unique("reader");
        await CreateUserAsync(server, readerName, "secret-6", domainId, roleDomainId: domainId, role: "reader");
        using var reader = server.Client(await TokenAsync(server, readerName, "secret-6", domainId, domainId: domainId));
        var listed = (await ExpectAsync(reader, "GET", "v3/projects", null, HttpStatusCode.OK))!["projects"]!.AsArray();
        Assert.Equal(inDomain, Assert.Single(listed)!["id"]!.GetValue<string>());
    }
}
