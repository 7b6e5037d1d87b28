using System.Net;
using System.Text.Json.Nodes;
using static SharpStack.Identity.Tests.Api.DelegationSeed;

namespace SharpStack.Identity.Tests.Api;

public sealed class TrustsApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private sealed record Parties(string Trustor, string Project, string TrustorToken, string Trustee, string TrusteeToken, string TrusteeName, string Delegated, string NotDelegated);

    /// <summary>A trustor holding two extra roles on a project, and a trustee with an unscoped token.</summary>
    private async Task<Parties> PartiesAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var delegated = await RoleAsync(server, "delegated-" + suffix);
        var notDelegated = await RoleAsync(server, "kept-" + suffix);
        var (trustor, project, _) = await ScopedUserAsync(server, "trustor", "member");
        await GrantAsync(server, trustor, project, delegated);
        await GrantAsync(server, trustor, project, notDelegated);
        var trustorName = await NameAsync(trustor);
        var trustorToken = await server.TokenAsync(trustorName, "pw-" + trustorName, project: "p-" + trustorName);
        var trusteeName = "trustee-" + suffix;
        var trustee = await UserAsync(server, trusteeName, "pw-" + trusteeName);
        return new Parties(trustor, project, trustorToken, trustee, await server.TokenAsync(trusteeName, "pw-" + trusteeName), trusteeName, delegated, notDelegated);
    }

    private async Task<string> NameAsync(string userId)
    {
        var name = "";
        await WithDbAsync(server, (db, _) =>
        {
            name = db.Users.Single(u => u.Id == userId).Name;
            return Task.CompletedTask;
        });
        return name;
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> CreateAsync(string token, JsonObject trust)
    {
        using var client = server.Client(token);
        using var response = await client.PostAsync("v3/OS-TRUST/trusts", IdentityServer.Json(new JsonObject { ["trust"] = trust }));
        return (response.StatusCode, await IdentityServer.ReadAsync(response));
    }

    private static JsonObject TrustBody(Parties p, bool impersonation = true) => new()
    {
        ["trustor_user_id"] = p.Trustor,
        ["trustee_user_id"] = p.Trustee,
        ["project_id"] = p.Project,
        ["impersonation"] = impersonation,
        ["roles"] = new JsonArray(new JsonObject { ["id"] = p.Delegated }),
    };

    private static JsonObject TrustScope(string token, string trustId) => new()
    {
        ["auth"] = new JsonObject
        {
            ["identity"] = new JsonObject { ["methods"] = new JsonArray("token"), ["token"] = new JsonObject { ["id"] = token } },
            ["scope"] = new JsonObject { ["OS-TRUST:trust"] = new JsonObject { ["id"] = trustId } },
        },
    };

    [Fact]
    public async Task Create_show_list_check_roles_use_and_delete()
    {
        var p = await PartiesAsync();
        var body = TrustBody(p);
        body["expires_at"] = "2099-01-01T00:00:00.123456Z";
        body["purpose"] = "tests";
        var (status, created) = await CreateAsync(p.TrustorToken, body);
        Assert.Equal(HttpStatusCode.Created, status);
        var trust = created["trust"]!;
        var id = trust["id"]!.GetValue<string>();
        Assert.Equal("2099-01-01T00:00:00.000000Z", trust["expires_at"]!.GetValue<string>());
        Assert.Equal("tests", trust["purpose"]!.GetValue<string>());
        Assert.Equal(0, trust["redelegation_count"]!.GetValue<int>());
        Assert.Null(trust["remaining_uses"]);
        Assert.Null(trust["deleted_at"]);
        var role = Assert.Single(trust["roles"]!.AsArray())!;
        Assert.Equal(p.Delegated, role["id"]!.GetValue<string>());
        Assert.Contains("v3/roles/" + p.Delegated, role["links"]!["self"]!.GetValue<string>());
        Assert.EndsWith($"/v3/{id}/roles", trust["roles_links"]!["self"]!.GetValue<string>());
        Assert.Contains("v3/OS-TRUST/trusts/" + id, trust["links"]!["self"]!.GetValue<string>());

        foreach (var party in new[] { p.TrustorToken, p.TrusteeToken })
        {
            using var client = server.Client(party);
            using var shown = await client.GetAsync("v3/OS-TRUST/trusts/" + id);
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        }
        using (var trustorClient = server.Client(p.TrustorToken))
        {
            var listed = (await IdentityServer.ReadAsync(await trustorClient.GetAsync("v3/OS-TRUST/trusts?trustor_user_id=" + p.Trustor)))["trusts"]!.AsArray();
            var summary = Assert.Single(listed)!.AsObject();
            Assert.False(summary.ContainsKey("roles"));
            var roles = (await IdentityServer.ReadAsync(await trustorClient.GetAsync($"v3/OS-TRUST/trusts/{id}/roles")))["roles"]!.AsArray();
            Assert.Equal(p.Delegated, Assert.Single(roles)!["id"]!.GetValue<string>());
            using var check = await trustorClient.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"v3/OS-TRUST/trusts/{id}/roles/{p.Delegated}"));
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
            using var notDelegated = await trustorClient.GetAsync($"v3/OS-TRUST/trusts/{id}/roles/{p.NotDelegated}");
            Assert.Equal(HttpStatusCode.NotFound, notDelegated.StatusCode);
            Assert.Equal($"Could not find role: {p.NotDelegated}.", Message(await IdentityServer.ReadAsync(notDelegated)));
        }
        using (var trusteeClient = server.Client(p.TrusteeToken))
        {
            using var all = await trusteeClient.GetAsync("v3/OS-TRUST/trusts");
            Assert.Equal(HttpStatusCode.Forbidden, all.StatusCode);
            Assert.Equal("You are not authorized to perform the requested action: identity:list_trusts.", Message(await IdentityServer.ReadAsync(all)));
            using var mine = await trusteeClient.GetAsync("v3/OS-TRUST/trusts?trustee_user_id=" + p.Trustee);
            Assert.Single((await IdentityServer.ReadAsync(mine))["trusts"]!.AsArray());
            using var delete = await trusteeClient.DeleteAsync("v3/OS-TRUST/trusts/" + id);
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        }
        using (var admin = server.AdminClient())
        {
            var everything = (await IdentityServer.ReadAsync(await admin.GetAsync("v3/OS-TRUST/trusts")))["trusts"]!.AsArray();
            Assert.Contains(everything, t => t!["id"]!.GetValue<string>() == id);
            Assert.Empty((await IdentityServer.ReadAsync(await admin.GetAsync("v3/OS-TRUST/trusts?other=1")))["trusts"]!.AsArray());
        }

        // The trustee acts as the trustor (impersonation) with the delegated role only (plus what it implies).
        var (authStatus, auth, trustToken) = await AuthAsync(server, TrustScope(p.TrusteeToken, id));
        Assert.Equal(HttpStatusCode.Created, authStatus);
        var token = auth["token"]!;
        Assert.Equal(p.Trustor, token["user"]!["id"]!.GetValue<string>());
        Assert.Equal(id, token["OS-TRUST:trust"]!["id"]!.GetValue<string>());
        Assert.True(token["OS-TRUST:trust"]!["impersonation"]!.GetValue<bool>());
        Assert.Equal(p.Project, token["project"]!["id"]!.GetValue<string>());
        Assert.Equal([p.Delegated], token["roles"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await ValidateAsync(server, trustToken!)).Status);

        // Only the trustee may use the trust.
        var intruder = await AuthAsync(server, TrustScope(p.TrustorToken, id));
        Assert.Equal(HttpStatusCode.Forbidden, intruder.Status);

        using (var trustorClient = server.Client(p.TrustorToken))
        {
            using var deleted = await trustorClient.DeleteAsync("v3/OS-TRUST/trusts/" + id);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            using var gone = await trustorClient.GetAsync("v3/OS-TRUST/trusts/" + id);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Equal($"Could not find trust: {id}.", Message(await IdentityServer.ReadAsync(gone)));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await ValidateAsync(server, trustToken!)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthAsync(server, TrustScope(p.TrusteeToken, id))).Status);
    }

    [Fact]
    public async Task Without_impersonation_the_trustee_is_the_user_and_uses_run_out()
    {
        var p = await PartiesAsync();
        var body = TrustBody(p, impersonation: false);
        body["roles"] = new JsonArray(new JsonObject { ["name"] = "member" });
        body["remaining_uses"] = 1;
        var (_, created) = await CreateAsync(p.TrustorToken, body);
        var id = created["trust"]!["id"]!.GetValue<string>();
        Assert.Equal(1, created["trust"]!["remaining_uses"]!.GetValue<int>());

        var (status, auth, _) = await AuthAsync(server, TrustScope(p.TrusteeToken, id));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(p.Trustee, auth["token"]!["user"]!["id"]!.GetValue<string>());
        Assert.Equal(["member", "reader"], auth["token"]!["roles"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Order());
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthAsync(server, TrustScope(p.TrusteeToken, id))).Status);
        using var client = server.Client(p.TrustorToken);
        using var used = await client.GetAsync("v3/OS-TRUST/trusts/" + id);
        Assert.Equal(HttpStatusCode.NotFound, used.StatusCode);
    }

    [Fact]
    public async Task Expired_trusts_cannot_be_used()
    {
        var p = await PartiesAsync();
        var (_, created) = await CreateAsync(p.TrustorToken, TrustBody(p));
        var id = created["trust"]!["id"]!.GetValue<string>();
        var (_, _, trustToken) = await AuthAsync(server, TrustScope(p.TrusteeToken, id));
        await WithDbAsync(server, async (db, _) =>
        {
            db.Trusts.Single(t => t.Id == id).ExpiresAt = DateTime.UtcNow.AddSeconds(-1);
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthAsync(server, TrustScope(p.TrusteeToken, id))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ValidateAsync(server, trustToken!)).Status);
    }

    [Fact]
    public async Task Bad_requests_get_keystones_answers()
    {
        var p = await PartiesAsync();
        async Task Expect(JsonObject body, HttpStatusCode status, string message, string? token = null)
        {
            var (actual, response) = await CreateAsync(token ?? p.TrustorToken, body);
            Assert.Equal(status, actual);
            Assert.StartsWith(message, Message(response));
        }

        var badExpiry = TrustBody(p);
        badExpiry["expires_at"] = "bad.123Z";
        await Expect(badExpiry, HttpStatusCode.BadRequest, "Timestamp not in expected format.");
        var noRoles = TrustBody(p);
        noRoles.Remove("roles");
        await Expect(noRoles, HttpStatusCode.Forbidden, "You are not authorized to perform the requested action: At least one role should be specified.");
        var otherTrustor = TrustBody(p);
        otherTrustor["trustor_user_id"] = p.Trustee;
        await Expect(otherTrustor, HttpStatusCode.Forbidden, "You are not authorized to perform the requested action: identity:create_trust.");
        var noTrustee = TrustBody(p);
        noTrustee["trustee_user_id"] = "nope";
        await Expect(noTrustee, HttpStatusCode.NotFound, "Could not find user: nope.");
        var notHeld = TrustBody(p);
        notHeld["roles"] = new JsonArray(new JsonObject { ["id"] = "nope" });
        await Expect(notHeld, HttpStatusCode.NotFound, "Could not find role: nope.");
        var unknownName = TrustBody(p);
        unknownName["roles"] = new JsonArray(new JsonObject { ["name"] = "nope" });
        await Expect(unknownName, HttpStatusCode.NotFound, "Role nope is not defined");
        var noProject = TrustBody(p);
        noProject["project_id"] = "nope";
        await Expect(noProject, HttpStatusCode.NotFound, "Could not find project: nope.");
        var badImpersonation = TrustBody(p);
        badImpersonation["impersonation"] = "yes";
        await Expect(badImpersonation, HttpStatusCode.BadRequest, "Invalid input for field 'impersonation': 'yes' is not of type 'boolean'");
        var zeroUses = TrustBody(p);
        zeroUses["remaining_uses"] = 0;
        await Expect(zeroUses, HttpStatusCode.BadRequest, "Invalid input for field 'remaining_uses': 0 is less than the minimum of 1");
        var hugeUses = TrustBody(p);
        hugeUses["remaining_uses"] = 99999999999L;
        await Expect(hugeUses, HttpStatusCode.BadRequest, "Invalid input for field 'remaining_uses': 99999999999 is greater than the maximum of 2147483647");
        var usesAndRedelegation = TrustBody(p);
        usesAndRedelegation["remaining_uses"] = 2;
        usesAndRedelegation["allow_redelegation"] = true;
        await Expect(usesAndRedelegation, HttpStatusCode.BadRequest, "remaining_uses must not be set if redelegation is allowed");
        var tooDeep = TrustBody(p);
        tooDeep["allow_redelegation"] = true;
        tooDeep["redelegation_count"] = 50;
        await Expect(tooDeep, HttpStatusCode.Forbidden, "You are not authorized to perform the requested action.");

        using var client = server.Client(p.TrustorToken);
        using var missing = await client.GetAsync("v3/OS-TRUST/trusts/nope");
        Assert.Equal("Could not find trust: nope.", Message(await IdentityServer.ReadAsync(missing)));
    }

    [Fact]
    public async Task Redelegation_follows_the_chain()
    {
        var p = await PartiesAsync();
        var body = TrustBody(p, impersonation: false);
        body["roles"] = new JsonArray(new JsonObject { ["name"] = "member" });
        body["allow_redelegation"] = true;
        var (_, created) = await CreateAsync(p.TrustorToken, body);
        var parent = created["trust"]!["id"]!.GetValue<string>();
        Assert.Equal(3, created["trust"]!["redelegation_count"]!.GetValue<int>());

        // The trustee needs the role themselves (Keystone checks the new trustor's own roles) and a trust token.
        await GrantAsync(server, p.Trustee, p.Project, await RoleIdAsync(server, "member"));
        var (_, _, trustToken) = await AuthAsync(server, TrustScope(p.TrusteeToken, parent));
        var third = await UserAsync(server, "third-" + Guid.NewGuid().ToString("N")[..8], "pw");
        var (status, child) = await CreateAsync(trustToken!, new JsonObject
        {
            ["trustor_user_id"] = p.Trustee,
            ["trustee_user_id"] = third,
            ["project_id"] = p.Project,
            ["impersonation"] = false,
            ["roles"] = new JsonArray(new JsonObject { ["name"] = "member" }),
        });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(parent, child["trust"]!["redelegated_trust_id"]!.GetValue<string>());
        Assert.Equal(0, child["trust"]!["redelegation_count"]!.GetValue<int>());
        var childId = child["trust"]!["id"]!.GetValue<string>();

        var (impersonating, _) = await CreateAsync(trustToken!, new JsonObject
        {
            ["trustor_user_id"] = p.Trustee, ["trustee_user_id"] = third, ["project_id"] = p.Project, ["impersonation"] = true,
            ["roles"] = new JsonArray(new JsonObject { ["name"] = "member" }),
        });
        Assert.Equal(HttpStatusCode.Forbidden, impersonating);

        using (var client = server.Client(p.TrustorToken))
            (await client.DeleteAsync("v3/OS-TRUST/trusts/" + parent)).Dispose();
        using var admin = server.AdminClient();
        using var orphan = await admin.GetAsync("v3/OS-TRUST/trusts/" + childId);
        Assert.Equal(HttpStatusCode.NotFound, orphan.StatusCode);
        Assert.Equal($"Could not find trust: {parent}.", Message(await IdentityServer.ReadAsync(orphan)));
    }
}
