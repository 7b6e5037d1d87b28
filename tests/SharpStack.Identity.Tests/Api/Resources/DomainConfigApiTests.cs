using System.Net;
using System.Text.Json.Nodes;
using static SharpStack.Identity.Tests.Api.Resources.ResourceTestData;

namespace SharpStack.Identity.Tests.Api.Resources;

public sealed class DomainConfigApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private static JsonObject Config(JsonNode config) => new() { ["config"] = config };

    private static JsonObject Custom() => new()
    {
        ["identity"] = new JsonObject { ["driver"] = "ldap" },
        ["ldap"] = new JsonObject { ["url"] = "ldap://myldap.com:389/", ["user_tree_dn"] = "ou=Users,dc=my_new_root,dc=org", ["password"] = "secret" },
    };

    private static JsonObject Shown() => new()
    {
        ["identity"] = new JsonObject { ["driver"] = "ldap" },
        ["ldap"] = new JsonObject { ["url"] = "ldap://myldap.com:389/", ["user_tree_dn"] = "ou=Users,dc=my_new_root,dc=org" },
    };

    [Fact]
    public async Task Create_show_update_and_delete_hiding_sensitive_options()
    {
        using var client = server.AdminClient();
        var domainId = await CreateDomainAsync(client);
        var path = $"v3/domains/{domainId}/config";
        await ExpectErrorAsync(client, "GET", path, null, HttpStatusCode.NotFound, $"Could not find any options in domain configuration for domain {domainId}.");

        var created = await ExpectAsync(client, "PUT", path, Config(Custom()), HttpStatusCode.Created);
        Assert.True(JsonNode.DeepEquals(Shown(), created!["config"]));
        await ExpectAsync(client, "PUT", path, Config(Custom()), HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(Shown(), (await ExpectAsync(client, "GET", path, null, HttpStatusCode.OK))!["config"]));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["ldap"] = Shown()["ldap"]!.DeepClone() },
            (await ExpectAsync(client, "GET", path + "/ldap", null, HttpStatusCode.OK))!["config"]));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["url"] = "ldap://myldap.com:389/" },
            (await ExpectAsync(client, "GET", path + "/ldap/url", null, HttpStatusCode.OK))!["config"]));
        await ExpectErrorAsync(client, "GET", path + "/ldap/password", null, HttpStatusCode.NotFound,
            $"Could not find option password in group ldap in domain configuration for domain {domainId}.");

        var updated = await ExpectAsync(client, "PATCH", path + "/identity",
            Config(new JsonObject { ["identity"] = new JsonObject { ["driver"] = "d2", ["list_limit"] = 7 } }), HttpStatusCode.OK);
        Assert.Equal(7, updated!["config"]!["identity"]!["list_limit"]!.GetValue<int>());
        updated = await ExpectAsync(client, "PATCH", path + "/identity/driver", Config(new JsonObject { ["driver"] = "d3" }), HttpStatusCode.OK);
        Assert.Equal("d3", updated!["config"]!["identity"]!["driver"]!.GetValue<string>());
        await ExpectAsync(client, "PATCH", path + "/ldap/password", Config(new JsonObject { ["password"] = "p2" }), HttpStatusCode.OK);

        await ExpectAsync(client, "DELETE", path + "/identity/driver", null, HttpStatusCode.NoContent);
        await ExpectErrorAsync(client, "GET", path + "/identity/driver", null, HttpStatusCode.NotFound,
            $"Could not find option driver in group identity in domain configuration for domain {domainId}.");
        await ExpectAsync(client, "DELETE", path + "/identity", null, HttpStatusCode.NoContent);
        await ExpectErrorAsync(client, "GET", path + "/identity", null, HttpStatusCode.NotFound,
            $"Could not find group identity in domain configuration for domain {domainId}.");
        await ExpectAsync(client, "DELETE", path, null, HttpStatusCode.NoContent);
        await ExpectErrorAsync(client, "GET", path, null, HttpStatusCode.NotFound, $"Could not find any options in domain configuration for domain {domainId}.");
        await ExpectAsync(client, "DELETE", path, null, HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Invalid_configurations_get_keystone_errors()
    {
        using var client = server.AdminClient();
        var domainId = await CreateDomainAsync(client);
        var path = $"v3/domains/{domainId}/config";
        const string Invalid = "Invalid domain specific configuration: ";
        foreach (var (body, status, message) in new (JsonNode, HttpStatusCode, string)[]
        {
            (Config(new JsonObject()), HttpStatusCode.Forbidden, Invalid + "No options specified."),
            (new JsonObject(), HttpStatusCode.Forbidden, Invalid + "No options specified."),
            (Config(new JsonObject { ["ldap"] = new JsonObject() }), HttpStatusCode.Forbidden, Invalid + "The value of group ldap specified in the config should be a dictionary of options."),
            (Config(new JsonObject { ["foo"] = new JsonObject { ["a"] = 1 } }), HttpStatusCode.Forbidden, Invalid + "Group foo is not supported for domain specific configurations."),
            (Config(new JsonObject { ["ldap"] = new JsonObject { ["a"] = 1 } }), HttpStatusCode.Forbidden, Invalid + "Option a in group ldap is not supported for domain specific configurations."),
            (Config("x"), HttpStatusCode.BadRequest, "string indices must be integers, not 'str'"),
            (Config(5), HttpStatusCode.BadRequest, "'int' object is not iterable"),
        })
        {
            await ExpectErrorAsync(client, "PUT", path, body, status, message);
        }
        await ExpectAsync(client, "PUT", path, Config(Custom()), HttpStatusCode.Created);
        await ExpectErrorAsync(client, "PATCH", path + "/ldap", Config(new JsonObject { ["identity"] = new JsonObject { ["driver"] = "w" } }), HttpStatusCode.Forbidden,
            Invalid + "request to update group ldap, but config provided contains group identity instead.");
        await ExpectErrorAsync(client, "PATCH", path + "/ldap/url", Config(new JsonObject { ["url"] = "a", ["user"] = "b" }), HttpStatusCode.Forbidden,
            Invalid + "Trying to update option url in group ldap, so that, and only that, option must be specified  in the config.");
        await ExpectErrorAsync(client, "PATCH", path + "/ldap/page_size", Config(new JsonObject { ["page_size"] = 5 }), HttpStatusCode.NotFound,
            $"Could not find option page_size in group ldap in domain configuration for domain {domainId}.");
        await ExpectErrorAsync(client, "GET", path + "/foo", null, HttpStatusCode.Forbidden, Invalid + "Group foo is not supported for domain specific configurations.");
        await ExpectErrorAsync(client, "PUT", "v3/domains/nope/config", Config(Custom()), HttpStatusCode.NotFound, "Could not find domain: nope.");
        await ExpectErrorAsync(client, "GET", "v3/domains/nope/config", null, HttpStatusCode.NotFound, "Could not find any options in domain configuration for domain nope.");
    }

    [Fact]
    public async Task Defaults_and_security_compliance()
    {
        using var client = server.AdminClient();
        var all = (await ExpectAsync(client, "GET", "v3/domains/config/default", null, HttpStatusCode.OK))!["config"]!;
        Assert.Equal("sql", all["identity"]!["driver"]!.GetValue<string>());
        Assert.Equal(49, all["ldap"]!.AsObject().Count);
        Assert.Equal("ldap://localhost", (await ExpectAsync(client, "GET", "v3/domains/config/ldap/url/default", null, HttpStatusCode.OK))!["config"]!["url"]!.GetValue<string>());
        var identity = (await ExpectAsync(client, "GET", "v3/domains/config/identity/default", null, HttpStatusCode.OK))!["config"]!.AsObject();
        Assert.Equal(new[] { "identity" }, identity.Select(kv => kv.Key));
        await ExpectErrorAsync(client, "GET", "v3/domains/config/ldap/password/default", null, HttpStatusCode.Forbidden,
            "Invalid domain specific configuration: Reading the default for option password in group ldap is not supported.");

        var compliance = (await ExpectAsync(client, "GET", "v3/domains/default/config/security_compliance", null, HttpStatusCode.OK))!["config"]!;
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["password_regex"] = null, ["password_regex_description"] = null }, compliance["security_compliance"]));
        await ExpectErrorAsync(client, "GET", "v3/domains/default/config/security_compliance/lockout_duration", null, HttpStatusCode.Forbidden,
            "Invalid domain specific configuration: Reading security compliance values other than password_regex and password_regex_description is not allowed..");
        var other = await CreateDomainAsync(client);
        await ExpectErrorAsync(client, "GET", $"v3/domains/{other}/config/security_compliance", null, HttpStatusCode.Forbidden,
            "Invalid domain specific configuration: Reading security compliance information for any domain other than the default domain is not allowed or supported..");
    }

    [Fact]
    public async Task Only_admins_manage_configurations_but_anyone_reads_the_password_rules()
    {
        using var admin = server.AdminClient();
        var project = (await CreateProjectAsync(admin))["id"]!.GetValue<string>();
        var name = Unique("user");
        await CreateUserAsync(server, name, "secret-8", projectId: project);
        using var member = server.Client(await TokenAsync(server, name, "secret-8", "default", projectId: project));
        await ExpectAsync(member, "GET", "v3/domains/default/config/security_compliance", null, HttpStatusCode.OK);
        await ExpectErrorAsync(member, "GET", "v3/domains/default/config", null, HttpStatusCode.Forbidden,
            "You are not authorized to perform the requested action: identity:get_domain_config.");
        await ExpectErrorAsync(member, "PUT", "v3/domains/default/config", Config(Custom()), HttpStatusCode.Forbidden,
            "You are not authorized to perform the requested action: identity:create_domain_config.");
        await ExpectErrorAsync(member, "GET", "v3/domains/config/default", null, HttpStatusCode.Forbidden,
            "You are not authorized to perform the requested action: identity:get_domain_config_default.");
    }
}
