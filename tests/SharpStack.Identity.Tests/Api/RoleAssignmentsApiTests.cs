using System.Net;
using System.Text.Json.Nodes;

namespace SharpStack.Identity.Tests.Api;

/// <summary>GET /v3/role_assignments on one scenario (the one probed on Keystone to take the expected entries from):
/// DOM with PRJ and its child SUB; USR in group GRP; ROLE global, DROLE of DOM implying ROLE, OROLE of the default
/// domain; direct, group, domain, inherited and dangling (group "nogroup") grants.</summary>
public sealed class RoleAssignmentsApiTests(IdentityServer server) : IClassFixture<IdentityServer>, IAsyncLifetime
{
    private readonly AssignmentTestData _data = new(server);
    private readonly Dictionary<string, string> _names = new();
    private string Id(string name) => _names.First(p => p.Value == name).Key;

    public async Task InitializeAsync()
    {
        var dom = await _data.DomainAsync();
        var prj = await _data.ProjectAsync(dom);
        var sub = await _data.ProjectAsync(dom, prj);
        var usr = await _data.UserAsync(domainId: dom);
        var grp = await _data.GroupAsync(dom, usr);
        var role = await _data.RoleAsync();
        var drole = await _data.RoleAsync(domainId: dom);
        var orole = await _data.RoleAsync(domainId: "default");
        _names[dom] = "DOM"; _names[prj] = "PRJ"; _names[sub] = "SUB"; _names[usr] = "USR"; _names[grp] = "GRP";
        _names[role] = "ROLE"; _names[drole] = "DROLE"; _names[orole] = "OROLE";

        await _data.GrantAsync($"projects/{prj}/users/{usr}/roles/{role}");
        await _data.GrantAsync($"projects/{prj}/users/{usr}/roles/{drole}");
        await _data.GrantAsync($"domains/{dom}/users/{usr}/roles/{orole}");
        await _data.GrantAsync($"projects/{dom}/users/{usr}/roles/{role}");
        await _data.GrantAsync($"projects/{prj}/groups/{grp}/roles/{role}");
        await _data.GrantAsync($"OS-INHERIT/domains/{dom}/groups/{grp}/roles/{orole}/inherited_to_projects");
        await _data.GrantAsync($"OS-INHERIT/projects/{prj}/groups/nogroup/roles/{role}/inherited_to_projects");
        await _data.GrantAsync($"projects/{sub}/users/{usr}/roles/{role}");
        await _data.GrantAsync($"OS-INHERIT/projects/{prj}/users/{usr}/roles/{role}/inherited_to_projects");
        await _data.ImplyAsync(drole, role);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The answer with ids replaced by the scenario's names and the base URL by "B", one JSON text per entry.</summary>
    private async Task<List<string>> ListAsync(string query)
    {
        foreach (var (id, name) in _names) query = query.Replace("{" + name + "}", id);
        using var client = server.AdminClient();
        using var response = await client.GetAsync("v3/role_assignments?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await IdentityServer.ReadAsync(response);
        Assert.Contains("/v3/role_assignments?", body["links"]!["self"]!.GetValue<string>());
        return body["role_assignments"]!.AsArray().Select(Canonical).ToList();
    }

    private string Canonical(JsonNode? entry)
    {
        var text = entry!.ToJsonString().Replace(server.BaseUri.ToString().TrimEnd('/') + "/v3", "B");
        foreach (var (id, name) in _names) text = text.Replace(id, name);
        return text;
    }

    private async Task<string> ErrorAsync(string query)
    {
        using var client = server.AdminClient();
        using var response = await client.GetAsync("v3/role_assignments?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await IdentityServer.ReadAsync(response))["error"]!["message"]!.GetValue<string>();
    }

    // Entries as Keystone renders them (key order included).
    private const string UserPrjRole = """{"links":{"assignment":"B/projects/PRJ/users/USR/roles/ROLE"},"scope":{"project":{"id":"PRJ"}},"user":{"id":"USR"},"role":{"id":"ROLE"}}""";
    private const string UserPrjDrole = """{"links":{"assignment":"B/projects/PRJ/users/USR/roles/DROLE"},"scope":{"project":{"id":"PRJ"}},"user":{"id":"USR"},"role":{"id":"DROLE"}}""";
    private const string UserDomRoleAsProject = """{"links":{"assignment":"B/projects/DOM/users/USR/roles/ROLE"},"scope":{"project":{"id":"DOM"}},"user":{"id":"USR"},"role":{"id":"ROLE"}}""";
    private const string UserSubRole = """{"links":{"assignment":"B/projects/SUB/users/USR/roles/ROLE"},"scope":{"project":{"id":"SUB"}},"user":{"id":"USR"},"role":{"id":"ROLE"}}""";
    private const string UserPrjRoleInherited = """{"links":{"assignment":"B/OS-INHERIT/projects/PRJ/users/USR/roles/ROLE/inherited_to_projects"},"scope":{"project":{"id":"PRJ"},"OS-INHERIT:inherited_to":"projects"},"user":{"id":"USR"},"role":{"id":"ROLE"}}""";
    private const string UserDomOrole = """{"links":{"assignment":"B/domains/DOM/users/USR/roles/OROLE"},"scope":{"domain":{"id":"DOM"}},"user":{"id":"USR"},"role":{"id":"OROLE"}}""";
    private const string GroupPrjRole = """{"links":{"assignment":"B/projects/PRJ/groups/GRP/roles/ROLE"},"scope":{"project":{"id":"PRJ"}},"group":{"id":"GRP"},"role":{"id":"ROLE"}}""";
    private const string GroupDomOroleInherited = """{"links":{"assignment":"B/OS-INHERIT/domains/DOM/groups/GRP/roles/OROLE/inherited_to_projects"},"scope":{"domain":{"id":"DOM"},"OS-INHERIT:inherited_to":"projects"},"group":{"id":"GRP"},"role":{"id":"OROLE"}}""";
    private const string NogroupPrjRoleInherited = """{"links":{"assignment":"B/OS-INHERIT/projects/PRJ/groups/nogroup/roles/ROLE/inherited_to_projects"},"scope":{"project":{"id":"PRJ"},"OS-INHERIT:inherited_to":"projects"},"group":{"id":"nogroup"},"role":{"id":"ROLE"}}""";
    private const string ViaGroupPrjRole = """{"links":{"membership":"B/groups/GRP/users/USR","assignment":"B/projects/PRJ/groups/GRP/roles/ROLE"},"scope":{"project":{"id":"PRJ"}},"user":{"id":"USR"},"role":{"id":"ROLE"}}""";
    private const string ImpliedByDrole = """{"links":{"assignment":"B/projects/PRJ/users/USR/roles/DROLE","prior_role":"B/prior_role/ROLE/implies/DROLE"},"scope":{"project":{"id":"PRJ"}},"user":{"id":"USR"},"role":{"id":"ROLE"}}""";
    private const string InheritedOnSub = """{"links":{"assignment":"B/OS-INHERIT/projects/PRJ/users/USR/roles/ROLE/inherited_to_projects"},"scope":{"project":{"id":"SUB"},"OS-INHERIT:inherited_to":"projects"},"user":{"id":"USR"},"role":{"id":"ROLE"}}""";

    [Fact]
    public async Task Direct_assignments_by_domain_user_and_group()
    {
        Assert.Equal(new[] { UserDomOrole, GroupDomOroleInherited }, await ListAsync("scope.domain.id={DOM}"));
        Assert.Equal(new[] { UserDomRoleAsProject, UserPrjRole, UserPrjDrole, UserPrjRoleInherited, UserSubRole, UserDomOrole }.Order(),
            (await ListAsync("user.id={USR}")).Order());
        Assert.Equal(new[] { GroupPrjRole, GroupDomOroleInherited }, await ListAsync("group.id={GRP}"));
        Assert.Equal(new[] { UserPrjRoleInherited, NogroupPrjRoleInherited }.Order(),
            (await ListAsync("scope.project.id={PRJ}&scope.OS-INHERIT:inherited_to=projects")).Order());
        Assert.Equal(new[] { UserPrjDrole }, await ListAsync("role.id={DROLE}"));
        Assert.Equal(new[] { UserPrjRole, UserPrjDrole, GroupPrjRole }.Order(),
            (await ListAsync("scope.project.id={PRJ}&scope.OS-INHERIT:inherited_to=no")).Order());
    }

    [Fact]
    public async Task Direct_list_is_in_keystone_storage_order()
    {
        // Primary-key order: UserProject, GroupProject, UserDomain, GroupDomain; then actor, target, role.
        var list = await ListAsync("scope.project.id={PRJ}&include_subtree");
        var types = list.Select(e => (e.Contains("\"user\"") ? 0 : 1) + (e.Contains("\"domain\":{\"id\"") ? 2 : 0)).ToList();
        Assert.Equal(types.Order(), types);
        Assert.Equal(new[] { UserPrjRole, UserPrjDrole, UserPrjRoleInherited, UserSubRole, GroupPrjRole, NogroupPrjRoleInherited }.Order(), list.Order());
    }

    [Fact]
    public async Task Effective_expands_groups_inheritance_and_implied_roles()
    {
        Assert.Equal(new[] { UserDomRoleAsProject, UserPrjRole, UserSubRole, ViaGroupPrjRole, InheritedOnSub, ImpliedByDrole }.Order(),
            (await ListAsync("user.id={USR}&effective")).Order());
        // Implied copies come after everything else.
        Assert.Equal(ImpliedByDrole, (await ListAsync("user.id={USR}&effective")).Last());
        Assert.Equal(new[] { UserPrjRole, ViaGroupPrjRole, ImpliedByDrole }, await ListAsync("scope.project.id={PRJ}&effective"));
        // Only "0" turns a flag off.
        Assert.Equal(new[] { UserPrjRole, ViaGroupPrjRole, ImpliedByDrole }, await ListAsync("scope.project.id={PRJ}&effective=false"));
        Assert.Equal(new[] { UserPrjRole, UserPrjDrole, UserPrjRoleInherited, GroupPrjRole, NogroupPrjRoleInherited }.Order(),
            (await ListAsync("scope.project.id={PRJ}&effective=0")).Order());
        Assert.Equal(new[] { UserSubRole, InheritedOnSub }, await ListAsync("scope.project.id={SUB}&effective"));
        Assert.Equal(new[] { UserSubRole, UserPrjRole, ViaGroupPrjRole, InheritedOnSub, ImpliedByDrole }.Order(),
            (await ListAsync("scope.project.id={PRJ}&effective&include_subtree")).Order());
        Assert.Equal(new[] { UserPrjRole, ViaGroupPrjRole, ImpliedByDrole }, await ListAsync("scope.project.id={PRJ}&effective&role.id={ROLE}&user.id={USR}"));
        Assert.Empty(await ListAsync("role.id={DROLE}&effective"));
        // Domain roles never appear in effective lists: the domain grant of OROLE disappears.
        Assert.Empty(await ListAsync("scope.domain.id={DOM}&effective"));
    }

    [Fact]
    public async Task Include_names_adds_names_of_everything()
    {
        var list = await ListAsync("scope.project.id={SUB}&effective&include_names");
        Assert.Equal(2, list.Count);
        var entry = JsonNode.Parse(list[1])!;
        Assert.Equal("SUB", entry["scope"]!["project"]!["id"]!.GetValue<string>());
        Assert.Equal("DOM", entry["scope"]!["project"]!["domain"]!["id"]!.GetValue<string>());
        Assert.NotNull(entry["scope"]!["project"]!["name"]);
        Assert.NotNull(entry["scope"]!["project"]!["domain"]!["name"]);
        Assert.Equal(["id", "name", "domain"], entry["user"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["id", "name"], entry["role"]!.AsObject().Select(p => p.Key));

        var domainRole = JsonNode.Parse((await ListAsync("role.id={DROLE}&include_names")).Single())!;
        Assert.Equal("DOM", domainRole["role"]!["domain"]!["id"]!.GetValue<string>());
        var byDomain = JsonNode.Parse((await ListAsync("scope.domain.id={DOM}&include_names")).First())!;
        Assert.Equal(["id", "name"], byDomain["scope"]!["domain"]!.AsObject().Select(p => p.Key));

        // A dangling group gets empty names; a project that is a domain has no domain (Keystone's 404).
        var dangling = JsonNode.Parse((await ListAsync("group.id=nogroup&scope.project.id={PRJ}&include_names")).Single())!;
        Assert.Equal("", dangling["group"]!["name"]!.GetValue<string>());
        using var client = server.AdminClient();
        using var domainAsProject = await client.GetAsync($"v3/role_assignments?scope.project.id={Id("DOM")}&include_names");
        Assert.Equal(HttpStatusCode.NotFound, domainAsProject.StatusCode);
    }

    [Fact]
    public async Task System_assignments_are_listed_unless_a_target_is_asked_for()
    {
        var user = await _data.UserAsync();
        var role = await _data.RoleAsync();
        await _data.GrantAsync($"system/users/{user}/roles/{role}");
        _names[user] = "SYSUSER";
        _names[role] = "SYSROLE";
        const string expected = """{"links":{"assignment":"B/system/users/SYSUSER/roles/SYSROLE"},"scope":{"system":{"all":true}},"user":{"id":"SYSUSER"},"role":{"id":"SYSROLE"}}""";
        Assert.Equal(new[] { expected }, await ListAsync("user.id={SYSUSER}"));
        Assert.Equal(new[] { expected }, await ListAsync("scope.system=all&role.id={SYSROLE}"));
        Assert.Equal(new[] { expected }, await ListAsync("role.id={SYSROLE}"));
        Assert.Equal(new[] { expected }, await ListAsync("role.id={SYSROLE}&scope.OS-INHERIT:inherited_to=projects"));
        Assert.Contains(await ListAsync("scope.system=all"), e => e.Contains("\"name\"") == false && e.Contains("SYSUSER"));
        // Effective mode ignores system assignments entirely.
        Assert.Empty(await ListAsync("user.id={SYSUSER}&effective"));
        Assert.Empty(await ListAsync("user.id={SYSUSER}&scope.domain.id={DOM}"));
        var named = JsonNode.Parse((await ListAsync("scope.system=all&include_names&role.id={SYSROLE}")).Single())!;
        Assert.Equal("Default", named["user"]!["domain"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("scope.domain.id=a&scope.project.id=b", "Specify a domain or project, not both")]
    [InlineData("scope.domain.id=a&scope.system=all", "Specify system or domain, not both")]
    [InlineData("scope.project.id=a&scope.system=foo", "Specify system or project, not both")]
    [InlineData("user.id=a&group.id=b", "Specify a user or group, not both")]
    [InlineData("group.id=a&effective", "Combining effective and group filter will always result in an empty list.")]
    [InlineData("scope.domain.id=a&effective&scope.OS-INHERIT:inherited_to=projects", "Combining effective, domain and inherited filters will always result in an empty list.")]
    [InlineData("include_subtree", "scope.project.id must be specified if include_subtree is also specified")]
    [InlineData("include_subtree=true&scope.project.id=", "scope.project.id must be specified if include_subtree is also specified")]
    public async Task Contradictory_filters_are_400(string query, string message) =>
        Assert.Equal(message, await ErrorAsync(query));

    [Fact]
    public async Task Unknown_projects_and_users_are_404_where_keystone_looks_them_up()
    {
        using var client = server.AdminClient();
        using var direct = await client.GetAsync("v3/role_assignments?scope.project.id=nope");
        Assert.Empty((await IdentityServer.ReadAsync(direct))["role_assignments"]!.AsArray());
        using var effective = await client.GetAsync("v3/role_assignments?scope.project.id=nope&effective");
        Assert.Equal(HttpStatusCode.NotFound, effective.StatusCode);
        using var subtree = await client.GetAsync("v3/role_assignments?scope.project.id=nope&include_subtree");
        Assert.Equal(HttpStatusCode.NotFound, subtree.StatusCode);
        Assert.Equal("Could not find project: nope.", (await IdentityServer.ReadAsync(subtree))["error"]!["message"]!.GetValue<string>());
        using var unknownUser = await client.GetAsync("v3/role_assignments?user.id=nobody&effective");
        Assert.Equal(HttpStatusCode.NotFound, unknownUser.StatusCode);
        Assert.Equal("Could not find user: nobody.", (await IdentityServer.ReadAsync(unknownUser))["error"]!["message"]!.GetValue<string>());
        using var unknownUserDirect = await client.GetAsync("v3/role_assignments?user.id=nobody");
        Assert.Equal(HttpStatusCode.OK, unknownUserDirect.StatusCode);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "v3/role_assignments"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task A_domain_scoped_reader_sees_its_domain_only()
    {
        var reader = await _data.UserAsync("pw-reader", domainId: Id("DOM"));
        await _data.GrantAsync($"domains/{Id("DOM")}/users/{reader}/roles/{await _data.RoleIdAsync("reader")}");
        var (_, token, _) = await _data.AuthenticateAsync(reader, "pw-reader", domainId: Id("DOM"));
        using var client = server.Client(token);
        using var response = await client.GetAsync("v3/role_assignments");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = (await IdentityServer.ReadAsync(response))["role_assignments"]!.AsArray().Select(Canonical).ToList();
        Assert.Contains(UserPrjRole, entries);
        Assert.Contains(UserDomOrole, entries);
        Assert.DoesNotContain(entries, e => e.Contains("\"system\""));
        // The admin's assignment on the admin project (default domain) is not shown.
        Assert.All(entries, e => Assert.True(e.Contains("DOM") || e.Contains("PRJ") || e.Contains("SUB"), e));
        using var subtree = await client.GetAsync($"v3/role_assignments?include_subtree&scope.project.id={Id("PRJ")}");
        Assert.Equal(HttpStatusCode.Forbidden, subtree.StatusCode);
    }
}
