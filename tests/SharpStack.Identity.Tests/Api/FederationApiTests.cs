using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using static SharpStack.Identity.Tests.Api.DelegationSeed;

namespace SharpStack.Identity.Tests.Api;

public sealed class FederationApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    private static JsonObject Rules() => new()
    {
        ["rules"] = new JsonArray(new JsonObject
        {
            ["local"] = new JsonArray(new JsonObject { ["user"] = new JsonObject { ["name"] = "{0}" } }, new JsonObject { ["group_ids"] = "{1}" }),
            ["remote"] = new JsonArray(new JsonObject { ["type"] = "openstack_username" },
                new JsonObject { ["type"] = "group_ids", ["whitelist"] = new JsonArray("abc", "123") }),
        }),
    };

    private async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpMethod method, string path, JsonObject? body = null)
    {
        using var admin = server.AdminClient();
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = IdentityServer.Json(body);
        using var response = await admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : (JsonNode.Parse(text) as JsonObject)!);
    }

    [Fact]
    public async Task Identity_providers_with_auto_domain_remote_ids_and_updates()
    {
        var id = NewId();
        var r1 = NewId();
        var (status, created) = await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/identity_providers/" + id,
            new JsonObject { ["identity_provider"] = new JsonObject { ["description"] = "d", ["remote_ids"] = new JsonArray(r1, NewId()) } });
        Assert.Equal(HttpStatusCode.Created, status);
        var idp = created["identity_provider"]!;
        Assert.False(idp["enabled"]!.GetValue<bool>());
        Assert.Null(idp["authorization_ttl"]);
        Assert.EndsWith($"/v3/OS-FEDERATION/identity_providers/{id}/protocols", idp["links"]!["protocols"]!.GetValue<string>());
        var domainId = idp["domain_id"]!.GetValue<string>();
        await WithDbAsync(server, async (db, _) =>
        {
            var domain = await db.Projects.SingleAsync(p => p.Id == domainId);
            Assert.True(domain.IsDomain);
            Assert.Equal("Auto generated federated domain for Identity Provider: " + id, domain.Description);
        });

        var duplicate = await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/identity_providers/" + id, new JsonObject { ["identity_provider"] = new JsonObject() });
        Assert.Equal($"Conflict occurred attempting to store identity_provider - Duplicate entry: {id}.", Message(duplicate.Body));
        var other = NewId();
        var remoteTaken = await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/identity_providers/" + other,
            new JsonObject { ["identity_provider"] = new JsonObject { ["remote_ids"] = new JsonArray(r1), ["domain_id"] = "default" } });
        Assert.Equal(HttpStatusCode.Conflict, remoteTaken.Status);
        Assert.Equal($"Conflict occurred attempting to store identity_provider - Duplicate remote ID: {r1}.", Message(remoteTaken.Body));
        var noDomain = await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/identity_providers/" + other,
            new JsonObject { ["identity_provider"] = new JsonObject { ["domain_id"] = "nope" } });
        Assert.Equal("Could not find domain: nope.", Message(noDomain.Body));
        var bogus = await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/identity_providers/" + other,
            new JsonObject { ["identity_provider"] = new JsonObject { ["bogus"] = 1 } });
        Assert.StartsWith("Additional properties are not allowed ('bogus' was unexpected)", Message(bogus.Body));
        var hugeTtl = await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/identity_providers/" + other,
            new JsonObject { ["identity_provider"] = new JsonObject { ["domain_id"] = "default", ["authorization_ttl"] = 99999999999L } });
        Assert.Equal(HttpStatusCode.BadRequest, hugeTtl.Status);
        var notObject = await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/identity_providers/" + other, new JsonObject { ["identity_provider"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, notObject.Status);
        Assert.StartsWith("'x' is not of type 'object'", Message(notObject.Body));
        var (enabledStatus, enabled) = await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/identity_providers/" + other,
            new JsonObject { ["identity_provider"] = new JsonObject { ["enabled"] = true, ["domain_id"] = "default", ["authorization_ttl"] = 5 } });
        Assert.Equal(HttpStatusCode.Created, enabledStatus);
        Assert.Equal("default", enabled["identity_provider"]!["domain_id"]!.GetValue<string>());

        var (_, updated) = await SendAsync(HttpMethod.Patch, "v3/OS-FEDERATION/identity_providers/" + id,
            new JsonObject { ["identity_provider"] = new JsonObject { ["enabled"] = true, ["remote_ids"] = new JsonArray("b-" + r1, "a-" + r1) } });
        Assert.True(updated["identity_provider"]!["enabled"]!.GetValue<bool>());
        var (_, shown) = await SendAsync(HttpMethod.Get, "v3/OS-FEDERATION/identity_providers/" + id);
        Assert.Equal(["a-" + r1, "b-" + r1], shown["identity_provider"]!["remote_ids"]!.AsArray().Select(x => x!.GetValue<string>()));
        var domainChange = await SendAsync(HttpMethod.Patch, "v3/OS-FEDERATION/identity_providers/" + id,
            new JsonObject { ["identity_provider"] = new JsonObject { ["domain_id"] = "default" } });
        Assert.Equal(HttpStatusCode.BadRequest, domainChange.Status);
        var emptyPatch = await SendAsync(HttpMethod.Patch, "v3/OS-FEDERATION/identity_providers/" + id, new JsonObject { ["identity_provider"] = new JsonObject() });
        Assert.StartsWith("{} does not have enough properties", Message(emptyPatch.Body));

        var (_, byId) = await SendAsync(HttpMethod.Get, "v3/OS-FEDERATION/identity_providers?id=" + other);
        Assert.Equal(other, Assert.Single(byId["identity_providers"]!.AsArray())!["id"]!.GetValue<string>());
        var (_, disabled) = await SendAsync(HttpMethod.Get, "v3/OS-FEDERATION/identity_providers?enabled=false");
        Assert.DoesNotContain(disabled["identity_providers"]!.AsArray(), x => x!["id"]!.GetValue<string>() == id);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, "v3/OS-FEDERATION/identity_providers/" + id)).Status);
        var gone = await SendAsync(HttpMethod.Get, "v3/OS-FEDERATION/identity_providers/" + id);
        Assert.Equal($"Could not find Identity Provider: {id}.", Message(gone.Body));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, "v3/OS-FEDERATION/identity_providers/" + id)).Status);
    }

    [Fact]
    public async Task Mappings_and_protocols()
    {
        var mapping = NewId();
        var (status, created) = await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/mappings/" + mapping, new JsonObject { ["mapping"] = Rules() });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(Rules()["rules"]!.ToJsonString(), created["mapping"]!["rules"]!.ToJsonString());
        Assert.Equal("Conflict occurred attempting to store mapping - Duplicate entry.",
            Message((await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/mappings/" + mapping, new JsonObject { ["mapping"] = Rules() })).Body));
        Assert.Equal("'rules' is a required property\n", Message((await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/mappings/" + NewId(), new JsonObject { ["mapping"] = new JsonObject() })).Body));
        Assert.Equal("[] is too short\n", Message((await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/mappings/" + NewId(),
            new JsonObject { ["mapping"] = new JsonObject { ["rules"] = new JsonArray() } })).Body));
        var several = await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/mappings/" + NewId(), new JsonObject
        {
            ["mapping"] = new JsonObject
            {
                ["rules"] = new JsonArray(new JsonObject
                {
                    ["local"] = new JsonArray(new JsonObject { ["bogus"] = 1 }),
                    ["remote"] = new JsonArray(new JsonObject { ["type"] = "x", ["any_one_of"] = "y" }),
                }),
            },
        });
        Assert.Equal("Additional properties are not allowed ('bogus' was unexpected)\n{'type': 'x', 'any_one_of': 'y'} is not valid under any of the given schemas\n", Message(several.Body));

        var newRules = Rules();
        newRules["rules"]![0]!["local"] = new JsonArray(new JsonObject { ["group"] = new JsonObject { ["id"] = "g" } });
        var (_, updated) = await SendAsync(HttpMethod.Patch, "v3/OS-FEDERATION/mappings/" + mapping, new JsonObject { ["mapping"] = newRules });
        Assert.Equal("g", updated["mapping"]!["rules"]![0]!["local"]![0]!["group"]!["id"]!.GetValue<string>());
        var (_, list) = await SendAsync(HttpMethod.Get, "v3/OS-FEDERATION/mappings");
        Assert.Contains(list["mappings"]!.AsArray(), m => m!["id"]!.GetValue<string>() == mapping);

        var idp = NewId();
        await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/identity_providers/" + idp, new JsonObject { ["identity_provider"] = new JsonObject { ["domain_id"] = "default" } });
        var protocols = $"v3/OS-FEDERATION/identity_providers/{idp}/protocols/";
        var unknownMapping = await SendAsync(HttpMethod.Put, protocols + "saml2", new JsonObject { ["protocol"] = new JsonObject { ["mapping_id"] = "nope" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownMapping.Status);
        Assert.Equal("Invalid mapping id: nope", Message(unknownMapping.Body));
        var missingMapping = await SendAsync(HttpMethod.Put, protocols + "saml2", new JsonObject { ["protocol"] = new JsonObject() });
        Assert.StartsWith("'mapping_id' is a required property", Message(missingMapping.Body));
        var (protocolStatus, protocol) = await SendAsync(HttpMethod.Put, protocols + "saml2",
            new JsonObject { ["protocol"] = new JsonObject { ["mapping_id"] = mapping, ["remote_id_attribute"] = "attr" } });
        Assert.Equal(HttpStatusCode.Created, protocolStatus);
        Assert.Equal(["id", "mapping_id", "links"], protocol["protocol"]!.AsObject().Select(p => p.Key));
        Assert.Equal("Conflict occurred attempting to store federation_protocol - Duplicate entry found with ID saml2.",
            Message((await SendAsync(HttpMethod.Put, protocols + "saml2", new JsonObject { ["protocol"] = new JsonObject { ["mapping_id"] = mapping } })).Body));
        Assert.Equal("Could not find Identity Provider: nope.", Message((await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/identity_providers/nope/protocols/saml2",
            new JsonObject { ["protocol"] = new JsonObject { ["mapping_id"] = mapping } })).Body));
        var (_, listed) = await SendAsync(HttpMethod.Get, protocols.TrimEnd('/'));
        var item = Assert.Single(listed["protocols"]!.AsArray())!;
        Assert.Equal(idp, item["idp_id"]!.GetValue<string>());
        Assert.Equal("attr", item["remote_id_attribute"]!.GetValue<string>());

        var other = NewId();
        await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/mappings/" + other, new JsonObject { ["mapping"] = Rules() });
        var (_, patched) = await SendAsync(HttpMethod.Patch, protocols + "saml2", new JsonObject { ["protocol"] = new JsonObject { ["mapping_id"] = other } });
        Assert.Equal(other, patched["protocol"]!["mapping_id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Patch, protocols + "saml2", new JsonObject { ["protocol"] = new JsonObject { ["mapping_id"] = "nope" } })).Status);
        Assert.Equal($"Could not find federated protocol oidc for Identity Provider: {idp}.", Message((await SendAsync(HttpMethod.Get, protocols + "oidc")).Body));
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, protocols + "saml2")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, protocols + "saml2")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, "v3/OS-FEDERATION/mappings/" + mapping)).Status);
        Assert.Equal($"Could not find mapping: {mapping}.", Message((await SendAsync(HttpMethod.Get, "v3/OS-FEDERATION/mappings/" + mapping)).Body));
    }

    [Fact]
    public async Task Service_providers_and_tokens()
    {
        var disabled = NewId();
        var (status, created) = await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/service_providers/" + disabled,
            new JsonObject { ["service_provider"] = new JsonObject { ["auth_url"] = "http://a.example/v3", ["sp_url"] = "http://s.example/sp" } });
        Assert.Equal(HttpStatusCode.Created, status);
        var sp = created["service_provider"]!;
        Assert.False(sp["enabled"]!.GetValue<bool>());
        Assert.Equal("ss:mem:", sp["relay_state_prefix"]!.GetValue<string>());
        Assert.Null(sp["description"]);
        Assert.Equal($"Conflict occurred attempting to store service_provider - Duplicate entry found with ID {disabled}.",
            Message((await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/service_providers/" + disabled,
                new JsonObject { ["service_provider"] = new JsonObject { ["auth_url"] = "http://a", ["sp_url"] = "http://s" } })).Body));
        var badUrl = await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/service_providers/" + NewId(),
            new JsonObject { ["service_provider"] = new JsonObject { ["auth_url"] = NewId(), ["sp_url"] = "http://s" } });
        Assert.StartsWith($"Invalid input for field 'auth_url': '", Message(badUrl.Body));
        Assert.StartsWith("'auth_url' is a required property", Message((await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/service_providers/" + NewId(),
            new JsonObject { ["service_provider"] = new JsonObject() })).Body));

        var enabled = NewId();
        await SendAsync(HttpMethod.Put, "v3/OS-FEDERATION/service_providers/" + enabled, new JsonObject
        {
            ["service_provider"] = new JsonObject { ["auth_url"] = "http://k2k/v3", ["sp_url"] = "http://k2k/sp", ["enabled"] = true, ["relay_state_prefix"] = "rs" },
        });
        var (_, token) = await ValidateAsync(server, server.AdminToken);
        var sps = token["token"]!["service_providers"]!.AsArray();
        var listedSp = Assert.Single(sps, s => s!["id"]!.GetValue<string>() == enabled)!;
        Assert.Equal("http://k2k/v3", listedSp["auth_url"]!.GetValue<string>());
        Assert.Equal("http://k2k/sp", listedSp["sp_url"]!.GetValue<string>());
        Assert.DoesNotContain(sps, s => s!["id"]!.GetValue<string>() == disabled);
        var unscoped = await server.TokenAsync("admin", server.AdminPassword);
        Assert.NotNull((await ValidateAsync(server, unscoped)).Body["token"]!["service_providers"]);

        var badPatch = await SendAsync(HttpMethod.Patch, "v3/OS-FEDERATION/service_providers/" + enabled,
            new JsonObject { ["service_provider"] = new JsonObject { ["sp_url"] = "bad" } });
        Assert.Equal(HttpStatusCode.BadRequest, badPatch.Status);
        var (_, patched) = await SendAsync(HttpMethod.Patch, "v3/OS-FEDERATION/service_providers/" + enabled,
            new JsonObject { ["service_provider"] = new JsonObject { ["enabled"] = false, ["relay_state_prefix"] = null } });
        Assert.False(patched["service_provider"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("ss:mem:", patched["service_provider"]!["relay_state_prefix"]!.GetValue<string>());
        var (_, after) = await ValidateAsync(server, server.AdminToken);
        Assert.DoesNotContain(after["token"]!["service_providers"]?.AsArray() ?? [], s => s!["id"]!.GetValue<string>() == enabled);

        var (_, filtered) = await SendAsync(HttpMethod.Get, "v3/OS-FEDERATION/service_providers?id=" + enabled);
        Assert.Single(filtered["service_providers"]!.AsArray());
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, "v3/OS-FEDERATION/service_providers/" + enabled)).Status);
        Assert.Equal($"Could not find Service Provider: {enabled}.", Message((await SendAsync(HttpMethod.Get, "v3/OS-FEDERATION/service_providers/" + enabled)).Body));
    }

    [Fact]
    public async Task Federation_management_is_for_admins()
    {
        var (_, _, token) = await ScopedUserAsync(server, "fed", "member");
        using var client = server.Client(token);
        foreach (var path in new[] { "v3/OS-FEDERATION/identity_providers", "v3/OS-FEDERATION/mappings", "v3/OS-FEDERATION/service_providers" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        using var put = await client.PutAsync("v3/OS-FEDERATION/mappings/" + NewId(), IdentityServer.Json(new JsonObject { ["mapping"] = Rules() }));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
    }
}
