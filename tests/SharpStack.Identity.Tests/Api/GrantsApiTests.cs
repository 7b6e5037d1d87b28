using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Tests.Api;

public sealed class GrantsApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private readonly AssignmentTestData _data = new(server);

    private static async Task<string> MessageAsync(HttpResponseMessage r) =>
        (await IdentityServer.ReadAsync(r))["error"]!["message"]!.GetValue<string>();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        using var client = server.AdminClient();
        return await client.SendAsync(new HttpRequestMessage(method, "v3/" + path));
    }

    private async Task<List<string>> ListAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await IdentityServer.ReadAsync(response))["roles"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
    }

    [Theory]
    [InlineData("projects", "users")]
    [InlineData("projects", "groups")]
    [InlineData("domains", "users")]
    [InlineData("domains", "groups")]
    [InlineData("OS-INHERIT/domains", "users")]
    [InlineData("OS-INHERIT/domains", "groups")]
    [InlineData("OS-INHERIT/projects", "users")]
    [InlineData("OS-INHERIT/projects", "groups")]
    public async Task Grant_list_check_revoke(string targets, string actors)
    {
        var target = targets.EndsWith("domains") ? await _data.DomainAsync() : await _data.ProjectAsync();
        var actor = actors == "users" ? await _data.UserAsync() : await _data.GroupAsync();
        var role = await _data.RoleAsync();
        var suffix = targets.StartsWith("OS-INHERIT") ? "/inherited_to_projects" : "";
        var collection = $"{targets}/{target}/{actors}/{actor}/roles";
        var member = $"{collection}/{role}{suffix}";

        using (var put = await SendAsync(HttpMethod.Put, member)) Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        // Granting again is silent.
        using (var again = await SendAsync(HttpMethod.Put, member)) Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);

        if (targets != "OS-INHERIT/projects")
            Assert.Equal([role], await ListAsync(targets.StartsWith("OS-INHERIT") ? collection + "/inherited_to_projects" : collection));
        if (!targets.StartsWith("OS-INHERIT"))
        {
            // Direct and inherited grants are different things.
            using var check = await SendAsync(HttpMethod.Get, $"OS-INHERIT/{(targets == "domains" ? "domains" : "projects")}/{target}/{actors}/{actor}/roles/{role}/inherited_to_projects");
            Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
        }
        using (var get = await SendAsync(HttpMethod.Get, member)) Assert.Equal(HttpStatusCode.NoContent, get.StatusCode);
        using (var head = await SendAsync(HttpMethod.Head, member)) Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
        using (var delete = await SendAsync(HttpMethod.Delete, member)) Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        using var gone = await SendAsync(HttpMethod.Get, member);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal($"Could not find role assignment with role: {role}, user or group: {actor}, project, domain, or system: {target}.", await MessageAsync(gone));
        using var deleteAgain = await SendAsync(HttpMethod.Delete, member);
        Assert.Equal(HttpStatusCode.NotFound, deleteAgain.StatusCode);
    }

    [Fact]
    public async Task Listed_roles_are_full_roles_by_id()
    {
        var project = await _data.ProjectAsync();
        var user = await _data.UserAsync();
        var roles = new[] { await _data.RoleAsync(), await _data.RoleAsync(), await _data.RoleAsync() };
        foreach (var r in roles) await _data.GrantAsync($"projects/{project}/users/{user}/roles/{r}");
        using var response = await SendAsync(HttpMethod.Get, $"projects/{project}/users/{user}/roles");
        var body = await IdentityServer.ReadAsync(response);
        var listed = body["roles"]!.AsArray();
        Assert.Equal(roles.Order(StringComparer.Ordinal), listed.Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(["id", "name", "domain_id", "description", "options", "links"], listed[0]!.AsObject().Select(p => p.Key));
        Assert.EndsWith($"/v3/projects/{project}/users/{user}/roles", body["links"]!["self"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_entities_are_404_in_keystone_order()
    {
        var project = await _data.ProjectAsync();
        var domain = await _data.DomainAsync();
        var user = await _data.UserAsync();
        var role = await _data.RoleAsync();

        async Task Expect(HttpMethod method, string path, string message)
        {
            using var response = await SendAsync(method, path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(message, await MessageAsync(response));
        }

        // Projects API: role, then actor, then project.
        await Expect(HttpMethod.Put, "projects/noprj/users/nouser/roles/norole", "Could not find role: norole.");
        await Expect(HttpMethod.Put, $"projects/noprj/users/nouser/roles/{role}", "Could not find user: nouser.");
        await Expect(HttpMethod.Put, $"projects/noprj/users/{user}/roles/{role}", "Could not find project: noprj.");
        await Expect(HttpMethod.Put, $"projects/{project}/groups/nogroup/roles/{role}", "Could not find group: nogroup.");
        await Expect(HttpMethod.Get, $"projects/{project}/users/nouser/roles", "Could not find user: nouser.");
        // Domains API: domain, then role, then actor; a project is not a domain.
        await Expect(HttpMethod.Put, "domains/nodom/users/nouser/roles/norole", "Could not find domain: nodom.");
        await Expect(HttpMethod.Put, $"domains/{domain}/users/nouser/roles/norole", "Could not find role: norole.");
        await Expect(HttpMethod.Put, $"domains/{domain}/users/nouser/roles/{role}", "Could not find user: nouser.");
        await Expect(HttpMethod.Put, $"domains/{project}/users/{user}/roles/{role}", $"Could not find domain: {project}.");
        // OS-INHERIT: only role and target matter.
        await Expect(HttpMethod.Put, "OS-INHERIT/domains/nodom/users/nouser/roles/norole/inherited_to_projects", "Could not find role: norole.");
        await Expect(HttpMethod.Put, $"OS-INHERIT/domains/nodom/users/nouser/roles/{role}/inherited_to_projects", "Could not find domain: nodom.");
        await Expect(HttpMethod.Put, $"OS-INHERIT/projects/noprj/groups/nogroup/roles/{role}/inherited_to_projects", "Could not find project: noprj.");
        // Revoking: the role first, then the assignment (even for an unknown actor).
        await Expect(HttpMethod.Delete, $"projects/{project}/users/{user}/roles/norole", "Could not find role: norole.");
        await Expect(HttpMethod.Delete, $"projects/{project}/users/nouser/roles/{role}",
            $"Could not find role assignment with role: {role}, user or group: nouser, project, domain, or system: {project}.");
    }

    [Fact]
    public async Task Os_inherit_accepts_unknown_actors_as_keystone_does()
    {
        var domain = await _data.DomainAsync();
        var role = await _data.RoleAsync();
        var path = $"OS-INHERIT/domains/{domain}/users/nobody/roles/{role}/inherited_to_projects";
        using (var put = await SendAsync(HttpMethod.Put, path)) Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal([role], await ListAsync($"OS-INHERIT/domains/{domain}/users/nobody/roles/inherited_to_projects"));
        using (var delete = await SendAsync(HttpMethod.Delete, path)) Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task Os_inherit_refuses_actor_ids_longer_than_the_column()
    {
        var domain = await _data.DomainAsync();
        var role = await _data.RoleAsync();
        var actor = new string('x', 65);
        using var put = await SendAsync(HttpMethod.Put, $"OS-INHERIT/domains/{domain}/users/{actor}/roles/{role}/inherited_to_projects");
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal($"String length exceeded. The length of string '{actor}' exceeds the limit of column actor_id(CHAR(64)).", await MessageAsync(put));
    }

    [Fact]
    public async Task A_grant_of_a_vanished_user_can_still_be_revoked()
    {
        var project = await _data.ProjectAsync();
        var user = await _data.UserAsync();
        var role = await _data.RoleAsync();
        await _data.GrantAsync($"projects/{project}/users/{user}/roles/{role}");
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            await db.Passwords.Where(p => p.UserId == user).ExecuteDeleteAsync();
            await db.Users.Where(u => u.Id == user).ExecuteDeleteAsync();
        }
        using var check = await SendAsync(HttpMethod.Get, $"projects/{project}/users/{user}/roles/{role}");
        Assert.Equal(HttpStatusCode.NotFound, check.StatusCode);
        using var delete = await SendAsync(HttpMethod.Delete, $"projects/{project}/users/{user}/roles/{role}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task Domain_specific_roles_only_on_projects_of_their_domain()
    {
        var domain = await _data.DomainAsync();
        var inDomain = await _data.ProjectAsync(domain);
        var elsewhere = await _data.ProjectAsync();
        var user = await _data.UserAsync();
        var domainRole = await _data.RoleAsync(domainId: domain);

        using var mismatch = await SendAsync(HttpMethod.Put, $"projects/{elsewhere}/users/{user}/roles/{domainRole}");
        Assert.Equal(HttpStatusCode.Forbidden, mismatch.StatusCode);
        Assert.Equal($"Project {elsewhere} must be in the same domain as the role {domainRole} being assigned.", await MessageAsync(mismatch));
        // A domain is no project of its own domain.
        using var onDomainAsProject = await SendAsync(HttpMethod.Put, $"projects/{domain}/users/{user}/roles/{domainRole}");
        Assert.Equal(HttpStatusCode.Forbidden, onDomainAsProject.StatusCode);

        await _data.GrantAsync($"projects/{inDomain}/users/{user}/roles/{domainRole}");
        // Keystone does not check domain targets against the role's domain.
        await _data.GrantAsync($"domains/default/users/{user}/roles/{domainRole}");
    }

    [Fact]
    public async Task System_grants_for_users_and_groups()
    {
        var user = await _data.UserAsync();
        var group = await _data.GroupAsync();
        var role = await _data.RoleAsync();
        foreach (var (kind, actor) in new[] { ("users", user), ("groups", group) })
        {
            var member = $"system/{kind}/{actor}/roles/{role}";
            using (var missing = await SendAsync(HttpMethod.Get, member))
            {
                Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
                Assert.Equal($"Could not find role assignment with role: {role}, user or group: {actor}, project, domain, or system: system.", await MessageAsync(missing));
            }
            await _data.GrantAsync(member);
            await _data.GrantAsync(member);
            Assert.Equal([role], await ListAsync($"system/{kind}/{actor}/roles"));
            using (var head = await SendAsync(HttpMethod.Head, member)) Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
            using (var delete = await SendAsync(HttpMethod.Delete, member)) Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            using (var again = await SendAsync(HttpMethod.Delete, member)) Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            Assert.Empty(await ListAsync($"system/{kind}/{actor}/roles"));
        }
    }

    [Fact]
    public async Task System_grants_refuse_domain_roles_and_unknown_entities()
    {
        var user = await _data.UserAsync();
        var domainRole = await _data.RoleAsync(domainId: await _data.DomainAsync());
        using var domainSpecific = await SendAsync(HttpMethod.Put, $"system/users/{user}/roles/{domainRole}");
        Assert.Equal(HttpStatusCode.BadRequest, domainSpecific.StatusCode);
        Assert.Equal($"Role {domainRole} is a domain-specific role. Unable to use a domain-specific role in a system assignment.", await MessageAsync(domainSpecific));
        var role = await _data.RoleAsync();
        using var noUser = await SendAsync(HttpMethod.Put, $"system/users/nouser/roles/{role}");
        Assert.Equal("Could not find user: nouser.", await MessageAsync(noUser));
        using var noGroup = await SendAsync(HttpMethod.Get, "system/groups/nogroup/roles");
        Assert.Equal("Could not find group: nogroup.", await MessageAsync(noGroup));
        using var noRole = await SendAsync(HttpMethod.Put, $"system/users/{user}/roles/norole");
        Assert.Equal("Could not find role: norole.", await MessageAsync(noRole));
        using var revokeUnknown = await SendAsync(HttpMethod.Delete, $"system/users/nouser/roles/{role}");
        Assert.Equal(HttpStatusCode.NotFound, revokeUnknown.StatusCode);
        Assert.Equal($"Could not find role assignment with role: {role}, user or group: nouser, project, domain, or system: system.", await MessageAsync(revokeUnknown));
    }

    [Fact]
    public async Task Tokens_follow_project_grants()
    {
        var user = await _data.UserAsync("pw-follow");
        var project = await _data.ProjectAsync();
        var first = await _data.RoleAsync();
        var second = await _data.RoleAsync();
        var (status, _, _) = await _data.AuthenticateAsync(user, "pw-follow", projectId: project);
        Assert.Equal(HttpStatusCode.Unauthorized, status);

        await _data.GrantAsync($"projects/{project}/users/{user}/roles/{first}");
        var (_, token, body) = await _data.AuthenticateAsync(user, "pw-follow", projectId: project);
        Assert.Equal(first, Assert.Single(body["token"]!["roles"]!.AsArray())!["id"]!.GetValue<string>());

        await _data.GrantAsync($"projects/{project}/users/{user}/roles/{second}");
        Assert.Equal(2, (await _data.ValidateAsync(token!)).Roles.Count);

        using (var revoke = await SendAsync(HttpMethod.Delete, $"projects/{project}/users/{user}/roles/{first}"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var (stillValid, roles) = await _data.ValidateAsync(token!);
        Assert.Equal(HttpStatusCode.OK, stillValid);
        Assert.Single(roles);

        using (var revoke = await SendAsync(HttpMethod.Delete, $"projects/{project}/users/{user}/roles/{second}"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _data.ValidateAsync(token!)).Status);
        using var client = server.Client(token);
        using var use = await client.GetAsync("v3/auth/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, use.StatusCode);
    }

    [Fact]
    public async Task Tokens_follow_group_inherited_domain_and_system_grants()
    {
        var user = await _data.UserAsync("pw-many");
        var group = await _data.GroupAsync("default", user);
        var domain = await _data.DomainAsync();
        var parent = await _data.ProjectAsync(domain);
        var child = await _data.ProjectAsync(domain, parent);
        var role = await _data.RoleAsync();

        // A group grant reaches its members, and its removal takes their tokens.
        await _data.GrantAsync($"projects/{parent}/groups/{group}/roles/{role}");
        var (_, groupToken, _) = await _data.AuthenticateAsync(user, "pw-many", projectId: parent);
        Assert.NotNull(groupToken);
        using (var revoke = await SendAsync(HttpMethod.Delete, $"projects/{parent}/groups/{group}/roles/{role}"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _data.ValidateAsync(groupToken!)).Status);

        // Inherited from a project: the children get it, the project itself does not.
        await _data.GrantAsync($"OS-INHERIT/projects/{parent}/users/{user}/roles/{role}/inherited_to_projects");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _data.AuthenticateAsync(user, "pw-many", projectId: parent)).Status);
        var (_, childToken, _) = await _data.AuthenticateAsync(user, "pw-many", projectId: child);
        Assert.NotNull(childToken);
        using (var revoke = await SendAsync(HttpMethod.Delete, $"OS-INHERIT/projects/{parent}/users/{user}/roles/{role}/inherited_to_projects"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _data.ValidateAsync(childToken!)).Status);

        // Inherited from a domain (through a group): every project of the domain, not the domain.
        await _data.GrantAsync($"OS-INHERIT/domains/{domain}/groups/{group}/roles/{role}/inherited_to_projects");
        Assert.NotNull((await _data.AuthenticateAsync(user, "pw-many", projectId: child)).Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _data.AuthenticateAsync(user, "pw-many", domainId: domain)).Status);

        // Domain and system grants give domain- and system-scoped tokens.
        await _data.GrantAsync($"domains/{domain}/users/{user}/roles/{role}");
        var (_, domainToken, _) = await _data.AuthenticateAsync(user, "pw-many", domainId: domain);
        Assert.NotNull(domainToken);
        await _data.GrantAsync($"system/groups/{group}/roles/{role}");
        var (_, systemToken, _) = await _data.AuthenticateAsync(user, "pw-many", system: true);
        Assert.NotNull(systemToken);
        using (var revoke = await SendAsync(HttpMethod.Delete, $"system/groups/{group}/roles/{role}"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _data.ValidateAsync(systemToken!)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _data.ValidateAsync(domainToken!)).Status);
    }

    [Fact]
    public async Task Revoking_a_role_with_a_project_grant_deletes_nothing_else()
    {
        var user = await _data.UserAsync();
        var project = await _data.ProjectAsync();
        var role = await _data.RoleAsync();
        await _data.GrantAsync($"projects/{project}/users/{user}/roles/{role}");
        await _data.GrantAsync($"domains/default/users/{user}/roles/{role}");
        using (var revoke = await SendAsync(HttpMethod.Delete, $"projects/{project}/users/{user}/roles/{role}"))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal([role], await ListAsync($"domains/default/users/{user}/roles"));
        Assert.Empty(await ListAsync($"projects/{project}/users/{user}/roles"));
    }

    [Fact]
    public async Task A_member_may_validate_its_own_token()
    {
        // rule:token_subject compares the caller with target.token.user_id.
        var user = await _data.UserAsync("pw-subject");
        var project = await _data.ProjectAsync();
        await _data.GrantAsync($"projects/{project}/users/{user}/roles/{await _data.RoleIdAsync("member")}");
        var (_, scoped, _) = await _data.AuthenticateAsync(user, "pw-subject", projectId: project);
        var (_, unscoped, _) = await _data.AuthenticateAsync(user, "pw-subject");
        using var client = server.Client(scoped);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v3/auth/tokens");
        request.Headers.Add("X-Subject-Token", unscoped);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var other = new HttpRequestMessage(HttpMethod.Get, "v3/auth/tokens");
        other.Headers.Add("X-Subject-Token", server.AdminToken);
        using var refused = await client.SendAsync(other);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
