using System.Net;
using System.Text.Json.Nodes;
using static SharpStack.Identity.Tests.Api.Resources.ResourceTestData;

namespace SharpStack.Identity.Tests.Api.Resources;

public sealed class ProjectTagsApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private static string[] Tags(JsonObject? body) => body!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Add_check_replace_remove_and_clear()
    {
        using var client = server.AdminClient();
        var id = (await CreateProjectAsync(client))["id"]!.GetValue<string>();
        var path = $"v3/projects/{id}/tags";

        using (var added = await SendAsync(client, "PUT", path + "/first"))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            Assert.EndsWith($"/v3/{id}/tags/first", added.Headers.Location!.ToString());
            Assert.Empty(await added.Content.ReadAsStringAsync());
        }
        await ExpectAsync(client, "GET", path + "/first", null, HttpStatusCode.NoContent);
        using (var head = await SendAsync(client, "HEAD", path + "/first")) Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
        await ExpectErrorAsync(client, "GET", path + "/other", null, HttpStatusCode.NotFound, "Could not find project tag: other.");

        var replaced = await ExpectAsync(client, "PUT", path, new JsonObject { ["tags"] = new JsonArray(" c ", "a", "b") }, HttpStatusCode.OK);
        Assert.Equal(new[] { "c", "a", "b" }, Tags(replaced));
        Assert.EndsWith("/v3", replaced!["links"]!["self"]!.GetValue<string>());
        var listed = await ExpectAsync(client, "GET", path, null, HttpStatusCode.OK);
        Assert.Equal(new[] { "a", "b", "c" }, Tags(listed).Order());
        var project = (await ExpectAsync(client, "GET", "v3/projects/" + id, null, HttpStatusCode.OK))!["project"]!;
        Assert.Equal(new[] { "a", "b", "c" }, project["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Order());

        await ExpectAsync(client, "DELETE", path + "/a", null, HttpStatusCode.NoContent);
        await ExpectErrorAsync(client, "DELETE", path + "/a", null, HttpStatusCode.NotFound, "Could not find project tag: a.");
        await ExpectErrorAsync(client, "GET", path + "/a", null, HttpStatusCode.NotFound, "Could not find project tag: a.");
        await ExpectAsync(client, "DELETE", path, null, HttpStatusCode.NoContent);
        Assert.Empty(Tags(await ExpectAsync(client, "GET", path, null, HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Tags_are_validated_and_limited_to_80()
    {
        using var client = server.AdminClient();
        var id = (await CreateProjectAsync(client))["id"]!.GetValue<string>();
        var path = $"v3/projects/{id}/tags";
        using (var comma = await SendAsync(client, "PUT", path + "/a,b"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, comma.StatusCode);
            Assert.StartsWith("'a,b' does not match '^[^,/]*$'", await MessageAsync(comma));
        }
        await ExpectAsync(client, "PUT", path, new JsonObject { ["tags"] = new JsonArray("t0", "t1") }, HttpStatusCode.OK);
        using (var dup = await SendAsync(client, "PUT", path + "/t1"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, dup.StatusCode);
            Assert.StartsWith("['t0', 't1', 't1'] has non-unique elements", await MessageAsync(dup));
        }
        var many = new JsonArray(Enumerable.Range(0, 80).Select(i => (JsonNode?)("t" + i)).ToArray());
        await ExpectAsync(client, "PUT", path, new JsonObject { ["tags"] = many }, HttpStatusCode.OK);
        using (var tooMany = await SendAsync(client, "PUT", path + "/one-more"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
            Assert.Contains("is too long", await MessageAsync(tooMany));
        }
        // With 80 tags already, even a duplicate is first "too long", as upstream reports it.
        using (var full = await SendAsync(client, "PUT", path + "/t1"))
            Assert.Contains("is too long", await MessageAsync(full));
        foreach (var (body, message) in new (JsonNode, string)[]
        {
            (new JsonObject { ["tags"] = "q" }, "'q' is not of type 'array'"),
            (new JsonObject(), "{} is not of type 'array'"),
            (new JsonObject { ["tags"] = new JsonArray("x", "x") }, "['x', 'x'] has non-unique elements"),
            (new JsonObject { ["tags"] = new JsonArray("") }, "Invalid input for field '0': '' is too short"),
        })
        {
            using var response = await SendAsync(client, "PUT", path, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith(message, await MessageAsync(response));
        }
    }

    [Fact]
    public async Task Unknown_projects_and_immutable_projects()
    {
        using var client = server.AdminClient();
        await ExpectErrorAsync(client, "GET", "v3/projects/nope/tags", null, HttpStatusCode.NotFound, "Could not find project: nope.");
        await ExpectErrorAsync(client, "PUT", "v3/projects/nope/tags/x", null, HttpStatusCode.NotFound, "Could not find project: nope.");
        await ExpectErrorAsync(client, "PUT", "v3/projects/nope/tags", new JsonObject { ["tags"] = new JsonArray() }, HttpStatusCode.NotFound, "Could not find project: nope.");
        await ExpectErrorAsync(client, "DELETE", "v3/projects/nope/tags/x", null, HttpStatusCode.NotFound, "Could not find project: nope.");

        var id = (await CreateProjectAsync(client, new JsonObject { ["tags"] = new JsonArray("keep"), ["options"] = new JsonObject { ["immutable"] = true } }))["id"]!.GetValue<string>();
        string Refused(string verb) =>
            $"Cannot {verb} project tags for {id}, project is immutable. Set \"immutable\" option to false before creating project tags.";
        await ExpectErrorAsync(client, "PUT", $"v3/projects/{id}/tags/new", null, HttpStatusCode.Forbidden, Refused("create"));
        await ExpectErrorAsync(client, "PUT", $"v3/projects/{id}/tags", new JsonObject { ["tags"] = new JsonArray("a") }, HttpStatusCode.Forbidden, Refused("update"));
        await ExpectErrorAsync(client, "DELETE", $"v3/projects/{id}/tags", null, HttpStatusCode.Forbidden, Refused("update"));
        await ExpectErrorAsync(client, "DELETE", $"v3/projects/{id}/tags/keep", null, HttpStatusCode.Forbidden, Refused("delete"));
        Assert.Equal(new[] { "keep" }, Tags(await ExpectAsync(client, "GET", $"v3/projects/{id}/tags", null, HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Members_read_their_project_tags_but_cannot_change_them()
    {
        using var admin = server.AdminClient();
        var id = (await CreateProjectAsync(admin, new JsonObject { ["tags"] = new JsonArray("x") }))["id"]!.GetValue<string>();
        var name = Unique("user");
        await CreateUserAsync(server, name, "secret-7", projectId: id);
        using var member = server.Client(await TokenAsync(server, name, "secret-7", "default", projectId: id));
        Assert.Equal(new[] { "x" }, Tags(await ExpectAsync(member, "GET", $"v3/projects/{id}/tags", null, HttpStatusCode.OK)));
        await ExpectAsync(member, "GET", $"v3/projects/{id}/tags/x", null, HttpStatusCode.NoContent);
        await ExpectErrorAsync(member, "PUT", $"v3/projects/{id}/tags/y", null, HttpStatusCode.Forbidden,
            "You are not authorized to perform the requested action: identity:create_project_tag.");
        await ExpectErrorAsync(member, "DELETE", $"v3/projects/{id}/tags", null, HttpStatusCode.Forbidden,
            "You are not authorized to perform the requested action: identity:delete_project_tags.");
    }
}
