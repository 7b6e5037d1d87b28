using System.Net;
using System.Text.Json.Nodes;
using static SharpStack.Identity.Tests.Api.DelegationSeed;

namespace SharpStack.Identity.Tests.Api;

public sealed class ApplicationCredentialsApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private static JsonObject Body(JsonObject appCred) => new() { ["application_credential"] = appCred };

    private static JsonObject AppCredAuth(JsonObject credential) => new()
    {
        ["auth"] = new JsonObject
        {
            ["identity"] = new JsonObject { ["methods"] = new JsonArray("application_credential"), ["application_credential"] = credential },
        },
    };

    private async Task<JsonObject> CreateAsync(string token, string userId, JsonObject appCred, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var client = server.Client(token);
        using var response = await client.PostAsync($"v3/users/{userId}/application_credentials", IdentityServer.Json(Body(appCred)));
        var body = await IdentityServer.ReadAsync(response);
        Assert.True(expected == response.StatusCode, body.ToJsonString());
        return body;
    }

    [Fact]
    public async Task Create_show_list_authenticate_and_delete()
    {
        var (userId, projectId, token) = await ScopedUserAsync(server, "ac", "member");
        var created = (await CreateAsync(token, userId, new JsonObject { ["name"] = "one", ["description"] = "d" }))["application_credential"]!;
        var id = created["id"]!.GetValue<string>();
        var secret = created["secret"]!.GetValue<string>();
        Assert.Equal(86, secret.Length);
        Assert.DoesNotContain('=', secret);
        Assert.Equal(projectId, created["project_id"]!.GetValue<string>());
        Assert.Null(created["unrestricted"]);
        Assert.Null(created["expires_at"]);
        Assert.Equal(["member", "reader"], created["roles"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Order());
        Assert.EndsWith("/v3/application_credentials/" + id, created["links"]!["self"]!.GetValue<string>());

        using var client = server.Client(token);
        var shown = (await IdentityServer.ReadAsync(await client.GetAsync($"v3/users/{userId}/application_credentials/{id}")))["application_credential"]!.AsObject();
        Assert.False(shown.ContainsKey("secret"));
        await CreateAsync(token, userId, new JsonObject { ["name"] = "two" });
        var all = (await IdentityServer.ReadAsync(await client.GetAsync($"v3/users/{userId}/application_credentials")))["application_credentials"]!.AsArray();
        Assert.Equal(2, all.Count);
        var byName = (await IdentityServer.ReadAsync(await client.GetAsync($"v3/users/{userId}/application_credentials?name=two")))["application_credentials"]!.AsArray();
        Assert.Equal("two", Assert.Single(byName)!["name"]!.GetValue<string>());

        var (status, body, appToken) = await AuthAsync(server, AppCredAuth(new JsonObject { ["id"] = id, ["secret"] = secret }));
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(projectId, body["token"]!["project"]!["id"]!.GetValue<string>());
        Assert.Equal(id, body["token"]!["application_credential"]!["id"]!.GetValue<string>());
        Assert.True(body["token"]!["application_credential"]!["restricted"]!.GetValue<bool>());
        Assert.Equal(["application_credential"], body["token"]!["methods"]!.AsArray().Select(m => m!.GetValue<string>()));

        var byUserName = await AuthAsync(server, AppCredAuth(new JsonObject { ["name"] = "one", ["secret"] = secret, ["user"] = new JsonObject { ["id"] = userId } }));
        Assert.Equal(HttpStatusCode.Created, byUserName.Status);
        var userName = (await ValidateAsync(server, token)).Body["token"]!["user"]!["name"]!.GetValue<string>();
        var byDomainName = await AuthAsync(server, AppCredAuth(new JsonObject
        {
            ["name"] = "one", ["secret"] = secret, ["user"] = new JsonObject { ["name"] = userName, ["domain"] = new JsonObject { ["id"] = "default" } },
        }));
        Assert.Equal(HttpStatusCode.Created, byDomainName.Status);
        var scoped = await AuthAsync(server, new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject { ["methods"] = new JsonArray("application_credential"), ["application_credential"] = new JsonObject { ["id"] = id, ["secret"] = secret } },
                ["scope"] = new JsonObject { ["project"] = new JsonObject { ["id"] = projectId } },
            },
        });
        Assert.Equal(HttpStatusCode.Unauthorized, scoped.Status);
        Assert.Equal("Error authenticating with application credential: Application credentials cannot request a scope.", Message(scoped.Body));
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthAsync(server, AppCredAuth(new JsonObject { ["id"] = id, ["secret"] = "wrong" }))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthAsync(server, AppCredAuth(new JsonObject { ["name"] = "nope", ["secret"] = secret, ["user"] = new JsonObject { ["id"] = userId } }))).Status);
        var missing = await AuthAsync(server, AppCredAuth(new JsonObject { ["id"] = "nope", ["secret"] = secret }));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("Could not find Application Credential: nope.", Message(missing.Body));

        using (var delete = await client.DeleteAsync($"v3/users/{userId}/application_credentials/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var (afterStatus, afterBody) = await ValidateAsync(server, appToken!);
        Assert.Equal(HttpStatusCode.NotFound, afterStatus);
        Assert.Equal($"Could not find Application Credential: {id}.", Message(afterBody));
        Assert.Equal(HttpStatusCode.NotFound, (await AuthAsync(server, AppCredAuth(new JsonObject { ["id"] = id, ["secret"] = secret }))).Status);
        using var again = await client.DeleteAsync($"v3/users/{userId}/application_credentials/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Roles_expiry_secret_and_bad_input()
    {
        var (userId, _, token) = await ScopedUserAsync(server, "acr", "member");
        var reader = await RoleIdAsync(server, "reader");
        var admin = await RoleIdAsync(server, "admin");
        var given = (await CreateAsync(token, userId, new JsonObject
        {
            ["name"] = "limited",
            ["secret"] = "my-secret",
            ["roles"] = new JsonArray(new JsonObject { ["name"] = "reader" }),
            ["expires_at"] = "2099-01-01T00:00:00.123456",
            ["unrestricted"] = false,
        }))["application_credential"]!;
        Assert.Equal("my-secret", given["secret"]!.GetValue<string>());
        Assert.Equal("2099-01-01T00:00:00.123456", given["expires_at"]!.GetValue<string>());
        Assert.False(given["unrestricted"]!.GetValue<bool>());
        Assert.Equal(reader, Assert.Single(given["roles"]!.AsArray())!["id"]!.GetValue<string>());
        var (_, body, _) = await AuthAsync(server, AppCredAuth(new JsonObject { ["id"] = given["id"]!.GetValue<string>(), ["secret"] = "my-secret" }));
        Assert.Equal(reader, Assert.Single(body["token"]!["roles"]!.AsArray())!["id"]!.GetValue<string>());

        var unassigned = await CreateAsync(token, userId, new JsonObject { ["name"] = "x", ["roles"] = new JsonArray(new JsonObject { ["id"] = admin }) }, HttpStatusCode.BadRequest);
        Assert.Equal("Invalid application credential: Cannot create an application credential with unassigned role", Message(unassigned));
        var unknown = await CreateAsync(token, userId, new JsonObject { ["name"] = "x", ["roles"] = new JsonArray(new JsonObject { ["name"] = "nope" }) }, HttpStatusCode.NotFound);
        Assert.Equal("Role nope is not defined", Message(unknown));
        var past = await CreateAsync(token, userId, new JsonObject { ["name"] = "x", ["expires_at"] = "2000-01-01T00:00:00" }, HttpStatusCode.BadRequest);
        Assert.StartsWith("The 'expires_at' must not be before now.", Message(past));
        var junk = await CreateAsync(token, userId, new JsonObject { ["name"] = "x", ["expires_at"] = "junk" }, HttpStatusCode.BadRequest);
        Assert.StartsWith("Timestamp not in expected format.", Message(junk));
        var duplicate = await CreateAsync(token, userId, new JsonObject { ["name"] = "limited" }, HttpStatusCode.Conflict);
        Assert.Equal("Conflict occurred attempting to store application_credential - Duplicate entry found with name limited.", Message(duplicate));
        var noName = await CreateAsync(token, userId, new JsonObject(), HttpStatusCode.BadRequest);
        Assert.StartsWith("'name' is a required property", Message(noName));
        var extra = await CreateAsync(token, userId, new JsonObject { ["name"] = "x", ["extra"] = "y" }, HttpStatusCode.BadRequest);
        Assert.Equal("'extra' is an invalid keyword argument for ApplicationCredentialModel", Message(extra));
        var badRule = await CreateAsync(token, userId, new JsonObject { ["name"] = "x", ["access_rules"] = new JsonArray(new JsonObject { ["method"] = "FETCH" }) }, HttpStatusCode.BadRequest);
        Assert.StartsWith("Invalid input for field 'access_rules/0/method'", Message(badRule));
        var other = await CreateAsync(token, "someone-else", new JsonObject { ["name"] = "x" }, HttpStatusCode.Forbidden);
        Assert.Equal("You are not authorized to perform the requested action: identity:create_application_credential.", Message(other));

        // An expired credential no longer authenticates.
        var expiring = (await CreateAsync(token, userId, new JsonObject { ["name"] = "expiring", ["secret"] = "s" }))["application_credential"]!["id"]!.GetValue<string>();
        await WithDbAsync(server, async (db, _) =>
        {
            var row = db.ApplicationCredentials.Single(a => a.Id == expiring);
            row.ExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthAsync(server, AppCredAuth(new JsonObject { ["id"] = expiring, ["secret"] = "s" }))).Status);
    }

    [Fact]
    public async Task Restricted_credentials_cannot_manage_credentials_or_trusts()
    {
        var (userId, _, token) = await ScopedUserAsync(server, "acx", "member");
        var restricted = (await CreateAsync(token, userId, new JsonObject { ["name"] = "r", ["secret"] = "s" }))["application_credential"]!["id"]!.GetValue<string>();
        var unrestricted = (await CreateAsync(token, userId, new JsonObject { ["name"] = "u", ["secret"] = "s", ["unrestricted"] = true }))["application_credential"]!["id"]!.GetValue<string>();
        var restrictedToken = (await AuthAsync(server, AppCredAuth(new JsonObject { ["id"] = restricted, ["secret"] = "s" }))).Token!;
        var unrestrictedToken = (await AuthAsync(server, AppCredAuth(new JsonObject { ["id"] = unrestricted, ["secret"] = "s" }))).Token!;

        var refused = await CreateAsync(restrictedToken, userId, new JsonObject { ["name"] = "more" }, HttpStatusCode.Forbidden);
        Assert.Equal("You are not authorized to perform the requested action: Using method 'application_credential' is not allowed for managing additional application credentials..", Message(refused));
        using (var client = server.Client(restrictedToken))
        {
            using var list = await client.GetAsync($"v3/users/{userId}/application_credentials");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            using var delete = await client.DeleteAsync($"v3/users/{userId}/application_credentials/{unrestricted}");
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        }
        await CreateAsync(unrestrictedToken, userId, new JsonObject { ["name"] = "more" });

        foreach (var delegated in new[] { restrictedToken, unrestrictedToken })
        {
            using var client = server.Client(delegated);
            using var trust = await client.PostAsync("v3/OS-TRUST/trusts", IdentityServer.Json(new JsonObject
            {
                ["trust"] = new JsonObject { ["trustor_user_id"] = userId, ["trustee_user_id"] = userId, ["impersonation"] = false },
            }));
            Assert.Equal(HttpStatusCode.Forbidden, trust.StatusCode);
            Assert.Equal("You are not authorized to perform the requested action: Delegated tokens cannot manage trusts..", Message(await IdentityServer.ReadAsync(trust)));
        }

        var rescope = await AuthAsync(server, new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject { ["methods"] = new JsonArray("token"), ["token"] = new JsonObject { ["id"] = unrestrictedToken } },
            },
        });
        Assert.Equal(HttpStatusCode.Forbidden, rescope.Status);
    }

    [Fact]
    public async Task Access_rules_are_shared_listed_and_deleted_only_when_unused()
    {
        var (userId, _, token) = await ScopedUserAsync(server, "acar", "member");
        var rule = new JsonObject { ["path"] = "/v2.1/servers/*/ips", ["method"] = "GET", ["service"] = "compute" };
        var first = (await CreateAsync(token, userId, new JsonObject { ["name"] = "a", ["secret"] = "s", ["access_rules"] = new JsonArray(rule.DeepClone()) }))["application_credential"]!;
        var ruleJson = Assert.Single(first["access_rules"]!.AsArray())!.AsObject();
        var ruleId = ruleJson["id"]!.GetValue<string>();
        Assert.Equal("/v2.1/servers/*/ips", ruleJson["path"]!.GetValue<string>());
        var second = (await CreateAsync(token, userId, new JsonObject { ["name"] = "b", ["access_rules"] = new JsonArray(rule.DeepClone()) }))["application_credential"]!;
        Assert.Equal(ruleId, second["access_rules"]![0]!["id"]!.GetValue<string>());
        var third = (await CreateAsync(token, userId, new JsonObject { ["name"] = "c", ["access_rules"] = new JsonArray(new JsonObject { ["id"] = ruleId }) }))["application_credential"]!;
        Assert.Equal(ruleId, third["access_rules"]![0]!["id"]!.GetValue<string>());

        var (_, authBody, _) = await AuthAsync(server, AppCredAuth(new JsonObject { ["id"] = first["id"]!.GetValue<string>(), ["secret"] = "s" }));
        Assert.Equal(ruleId, authBody["token"]!["application_credential"]!["access_rules"]![0]!["id"]!.GetValue<string>());

        using var client = server.Client(token);
        var rules = (await IdentityServer.ReadAsync(await client.GetAsync($"v3/users/{userId}/access_rules")))["access_rules"]!.AsArray();
        Assert.Single(rules);
        Assert.EndsWith("/v3/access_rules/" + ruleId, rules[0]!["links"]!["self"]!.GetValue<string>());
        Assert.Empty((await IdentityServer.ReadAsync(await client.GetAsync($"v3/users/{userId}/access_rules?service=image")))["access_rules"]!.AsArray());
        using (var shown = await client.GetAsync($"v3/users/{userId}/access_rules/{ruleId}"))
            Assert.Equal("compute", (await IdentityServer.ReadAsync(shown))["access_rule"]!["service"]!.GetValue<string>());
        using (var missing = await client.GetAsync($"v3/users/{userId}/access_rules/nope"))
            Assert.Equal("Could not find Access Rule: nope.", Message(await IdentityServer.ReadAsync(missing)));
        using (var inUse = await client.DeleteAsync($"v3/users/{userId}/access_rules/{ruleId}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, inUse.StatusCode);
            Assert.Equal("May not delete access rule in use", Message(await IdentityServer.ReadAsync(inUse)));
        }
        foreach (var appCred in new[] { first, second, third })
            (await client.DeleteAsync($"v3/users/{userId}/application_credentials/{appCred["id"]!.GetValue<string>()}")).Dispose();
        Assert.Single((await IdentityServer.ReadAsync(await client.GetAsync($"v3/users/{userId}/access_rules")))["access_rules"]!.AsArray());
        using (var deleted = await client.DeleteAsync($"v3/users/{userId}/access_rules/{ruleId}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await IdentityServer.ReadAsync(await client.GetAsync($"v3/users/{userId}/access_rules")))["access_rules"]!.AsArray());
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_sees_a_credential()
    {
        var (alice, _, aliceToken) = await ScopedUserAsync(server, "aca", "member");
        var (bob, _, bobToken) = await ScopedUserAsync(server, "acb", "member");
        var id = (await CreateAsync(aliceToken, alice, new JsonObject { ["name"] = "mine" }))["application_credential"]!["id"]!.GetValue<string>();
        using (var client = server.Client(bobToken))
        {
            // Bob's own user id in the path does not help: ownership is the credential's.
            using var viaOwnPath = await client.GetAsync($"v3/users/{bob}/application_credentials/{id}");
            Assert.Equal(HttpStatusCode.Forbidden, viaOwnPath.StatusCode);
            using var list = await client.GetAsync($"v3/users/{alice}/application_credentials");
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
            using var rules = await client.GetAsync($"v3/users/{alice}/access_rules");
            Assert.Equal(HttpStatusCode.Forbidden, rules.StatusCode);
            using var delete = await client.DeleteAsync($"v3/users/{bob}/application_credentials/{id}");
            Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        }
        using var admin = server.AdminClient();
        using var shown = await admin.GetAsync($"v3/users/{alice}/application_credentials/{id}");
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(alice, (await IdentityServer.ReadAsync(shown))["application_credential"]!["user_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Trust_scoped_tokens_cannot_manage_credentials()
    {
        var (trustor, projectId, trustorToken) = await ScopedUserAsync(server, "act", "member");
        var (trustee, _, trusteeToken) = await ScopedUserAsync(server, "acu", "member");
        using var client = server.Client(trustorToken);
        using var created = await client.PostAsync("v3/OS-TRUST/trusts", IdentityServer.Json(new JsonObject
        {
            ["trust"] = new JsonObject
            {
                ["trustor_user_id"] = trustor, ["trustee_user_id"] = trustee, ["impersonation"] = false, ["project_id"] = projectId,
                ["roles"] = new JsonArray(new JsonObject { ["name"] = "member" }),
            },
        }));
        var trustId = (await IdentityServer.ReadAsync(created))["trust"]!["id"]!.GetValue<string>();
        var (_, _, trustToken) = await AuthAsync(server, new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject { ["methods"] = new JsonArray("token"), ["token"] = new JsonObject { ["id"] = trusteeToken } },
                ["scope"] = new JsonObject { ["OS-TRUST:trust"] = new JsonObject { ["id"] = trustId } },
            },
        });
        var refused = await CreateAsync(trustToken!, trustee, new JsonObject { ["name"] = "x" }, HttpStatusCode.Forbidden);
        Assert.Equal("You are not authorized to perform the requested action.", Message(refused));
    }

    [Fact]
    public async Task A_disabled_user_cannot_use_credentials()
    {
        var (userId, _, token) = await ScopedUserAsync(server, "acd", "member");
        var id = (await CreateAsync(token, userId, new JsonObject { ["name"] = "d", ["secret"] = "s" }))["application_credential"]!["id"]!.GetValue<string>();
        var (_, _, appToken) = await AuthAsync(server, AppCredAuth(new JsonObject { ["id"] = id, ["secret"] = "s" }));
        await WithDbAsync(server, async (db, _) =>
        {
            db.Users.Single(u => u.Id == userId).Enabled = false;
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthAsync(server, AppCredAuth(new JsonObject { ["id"] = id, ["secret"] = "s" }))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ValidateAsync(server, appToken!)).Status);
    }
}
