using System.Net;
using System.Text.Json.Nodes;

namespace SharpStack.Identity.Tests.Api;

public sealed class ImpliedRolesApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private readonly AssignmentTestData _data = new(server);

    private static async Task<string> MessageAsync(HttpResponseMessage r) =>
        (await IdentityServer.ReadAsync(r))["error"]!["message"]!.GetValue<string>();

    [Fact]
    public async Task Create_check_show_list_delete()
    {
        using var client = server.AdminClient();
        var prior = await _data.RoleAsync();
        var implied = await _data.RoleAsync();
        var other = await _data.RoleAsync();

        using var created = await client.PutAsync($"v3/roles/{prior}/implies/{implied}", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await IdentityServer.ReadAsync(created);
        Assert.Equal(prior, body["role_inference"]!["prior_role"]!["id"]!.GetValue<string>());
        Assert.Equal(implied, body["role_inference"]!["implies"]!["id"]!.GetValue<string>());
        Assert.Equal(["id", "links", "name"], body["role_inference"]!["implies"]!.AsObject().Select(p => p.Key));
        Assert.EndsWith($"/v3/roles/{prior}/implies/{implied}", body["links"]!["self"]!.GetValue<string>());

        using var duplicate = await client.PutAsync($"v3/roles/{prior}/implies/{implied}", null);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("Conflict occurred attempting to store implied_role - Duplicate entry.", await MessageAsync(duplicate));

        await _data.ImplyAsync(prior, other);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"v3/roles/{prior}/implies/{implied}"));
        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
        using var show = await client.GetAsync($"v3/roles/{prior}/implies/{implied}");
        Assert.Equal(HttpStatusCode.OK, show.StatusCode);

        using var list = await client.GetAsync($"v3/roles/{prior}/implies");
        var listed = await IdentityServer.ReadAsync(list);
        Assert.Equal(new[] { implied, other }.Order(StringComparer.Ordinal),
            listed["role_inference"]!["implies"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.EndsWith($"/v3/roles/{prior}/implies", listed["links"]!["self"]!.GetValue<string>());

        using var all = await client.GetAsync("v3/role_inferences");
        var inferences = (await IdentityServer.ReadAsync(all))["role_inferences"]!.AsArray();
        var mine = Assert.Single(inferences, i => i!["prior_role"]!["id"]!.GetValue<string>() == prior)!;
        Assert.Equal(2, mine["implies"]!.AsArray().Count);
        // The bootstrap rules (admin implies member implies reader) are listed too.
        Assert.Contains(inferences, i => i!["prior_role"]!["name"]!.GetValue<string>() == "admin");

        using var deleted = await client.DeleteAsync($"v3/roles/{prior}/implies/{implied}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetAsync($"v3/roles/{prior}/implies/{implied}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal($"{prior} does not imply {implied}.", await MessageAsync(gone));
        using var goneHead = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"v3/roles/{prior}/implies/{implied}"));
        Assert.Equal(HttpStatusCode.NotFound, goneHead.StatusCode);
        using var deleteAgain = await client.DeleteAsync($"v3/roles/{prior}/implies/{implied}");
        Assert.Equal(HttpStatusCode.NotFound, deleteAgain.StatusCode);
    }

    [Fact]
    public async Task Missing_roles_are_404_prior_first()
    {
        using var client = server.AdminClient();
        var role = await _data.RoleAsync();
        using var missingBoth = await client.PutAsync("v3/roles/nope1/implies/nope2", null);
        Assert.Equal(HttpStatusCode.NotFound, missingBoth.StatusCode);
        Assert.Equal("Could not find role: nope1.", await MessageAsync(missingBoth));
        using var missingImplied = await client.PutAsync($"v3/roles/{role}/implies/nope2", null);
        Assert.Equal("Could not find role: nope2.", await MessageAsync(missingImplied));
        using var list = await client.GetAsync("v3/roles/nope1/implies");
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
    }

    [Fact]
    public async Task Prohibited_and_global_to_domain_inferences_are_refused()
    {
        using var client = server.AdminClient();
        var global = await _data.RoleAsync();
        var domain = await _data.DomainAsync();
        var domainRole = await _data.RoleAsync(domainId: domain);
        var domainRole2 = await _data.RoleAsync(domainId: await _data.DomainAsync());
        var admin = await _data.RoleIdAsync("admin");

        using var prohibited = await client.PutAsync($"v3/roles/{global}/implies/{admin}", null);
        Assert.Equal(HttpStatusCode.Forbidden, prohibited.StatusCode);
        Assert.Equal($"{admin} cannot be an implied roles.", await MessageAsync(prohibited));
        using var toDomain = await client.PutAsync($"v3/roles/{global}/implies/{domainRole}", null);
        Assert.Equal(HttpStatusCode.Forbidden, toDomain.StatusCode);
        Assert.Equal($"{domainRole} cannot be an implied roles.", await MessageAsync(toDomain));

        // Domain roles may imply global roles and roles of other domains.
        await _data.ImplyAsync(domainRole, global);
        await _data.ImplyAsync(domainRole, domainRole2);
    }

    [Fact]
    public async Task Cycles_are_accepted_as_keystone_accepts_them()
    {
        var a = await _data.RoleAsync();
        var b = await _data.RoleAsync();
        await _data.ImplyAsync(a, b);
        await _data.ImplyAsync(b, a);
        await _data.ImplyAsync(a, a);

        // Expansion terminates and gives each role once per derivation.
        var user = await _data.UserAsync("pw-cycle");
        var project = await _data.ProjectAsync();
        await _data.GrantAsync($"projects/{project}/users/{user}/roles/{a}");
        using var client = server.AdminClient();
        using var effective = await client.GetAsync($"v3/role_assignments?effective&user.id={user}");
        var roles = (await IdentityServer.ReadAsync(effective))["role_assignments"]!.AsArray()
            .Select(x => x!["role"]!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(a, roles);
        Assert.Contains(b, roles);
        var (_, token, _) = await _data.AuthenticateAsync(user, "pw-cycle", projectId: project);
        var (status, _) = await _data.ValidateAsync(token!);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Implied_roles_reach_tokens_and_leave_them_when_the_rule_goes()
    {
        var prior = await _data.RoleAsync();
        var implied = await _data.RoleAsync();
        var user = await _data.UserAsync("pw-imply");
        var project = await _data.ProjectAsync();
        await _data.GrantAsync($"projects/{project}/users/{user}/roles/{prior}");
        await _data.ImplyAsync(prior, implied);
        var (_, token, body) = await _data.AuthenticateAsync(user, "pw-imply", projectId: project);
        Assert.Equal(2, body["token"]!["roles"]!.AsArray().Count);

        using var client = server.AdminClient();
        using var deleted = await client.DeleteAsync($"v3/roles/{prior}/implies/{implied}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var (status, roles) = await _data.ValidateAsync(token!);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(roles);
    }
}
