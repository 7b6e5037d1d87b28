using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Identity.Fernet;
using SharpStack.Identity.Storage;
using static SharpStack.Identity.Tests.Api.JsonCalls;

namespace SharpStack.Identity.Tests.Api;

public sealed class CredentialsApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    private static string Sha256(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    private static JsonObject Ec2(string userId, string projectId, string access, string secret = "s") =>
        Obj(("credential", Obj(("user_id", userId), ("project_id", projectId), ("type", "ec2"),
            ("blob", $"{{\"access\": \"{access}\", \"secret\": \"{secret}\"}}"))));

    [Fact]
    public async Task Create_get_update_delete_with_blob_only_updates()
    {
        using var client = server.AdminClient();
        var userId = await SeededUsers.AdminUserIdAsync(server);
        var project1 = await SeededUsers.CreateProjectAsync(server);
        var project2 = await SeededUsers.CreateProjectAsync(server);
        var access = "acc-" + Guid.NewGuid().ToString("N");
        var (status, body) = await client.PostJsonAsync("v3/credentials", Ec2(userId, project1, access));
        Assert.Equal(HttpStatusCode.Created, status);
        var id = body.Id("credential");
        Assert.Equal(Sha256(access), id);
        Assert.Contains(access, body!["credential"]!["blob"]!.GetValue<string>());

        // Upstream since CVE-2026-90460: only the blob may change (Tempest's update, which also sends project_id
        // and type, fails against the reference Keystone for the same reason).
        (status, _) = await client.PatchJsonAsync("v3/credentials/" + id, Obj(("credential", Obj(
            ("blob", $"{{\"access\": \"{access}\", \"secret\": \"s2\"}}"), ("project_id", project2), ("type", "ec2")))));
        Assert.Equal(HttpStatusCode.BadRequest, status);

        (status, body) = await client.PatchJsonAsync("v3/credentials/" + id, Obj(("credential", Obj(
            ("blob", $"{{\"access\": \"{access}\", \"secret\": \"s2\"}}")))));
        Assert.Equal(HttpStatusCode.OK, status);
        var updated = body!["credential"]!;
        Assert.Equal(id, updated["id"]!.GetValue<string>());
        Assert.Equal(project1, updated["project_id"]!.GetValue<string>());
        Assert.Equal(userId, updated["user_id"]!.GetValue<string>());

        (_, body) = await client.GetJsonAsync("v3/credentials/" + id);
        Assert.Equal("s2", JsonNode.Parse(body!["credential"]!["blob"]!.GetValue<string>())!["secret"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteJsonAsync("v3/credentials/" + id)).Status);
        (status, body) = await client.GetJsonAsync("v3/credentials/" + id);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Could not find credential: {id}.", body.Message());
    }

    [Fact]
    public async Task Blobs_are_encrypted_at_rest_as_keystone_stores_them()
    {
        using var client = server.AdminClient();
        var userId = await SeededUsers.AdminUserIdAsync(server);
        var access = "enc-" + Guid.NewGuid().ToString("N");
        var blob = $"{{\"access\": \"{access}\", \"secret\": \"caf\u00e9\"}}";
        var id = (await client.PostJsonAsync("v3/credentials", Obj(("credential", Obj(("user_id", userId), ("project_id", "p"), ("type", "ec2"), ("blob", blob)))))).Body.Id("credential");
        var totp = (await client.PostJsonAsync("v3/credentials", Obj(("credential", Obj(("user_id", userId), ("type", "totp"), ("blob", "seed")))))).Body.Id("credential");

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var encryptor = scope.ServiceProvider.GetRequiredService<CredentialEncryptor>();
        var row = await db.Credentials.SingleAsync(c => c.Id == id);
        Assert.DoesNotContain(access, row.EncryptedBlob);
        Assert.Equal(encryptor.PrimaryKeyHash, row.KeyHash);
        // ec2 blobs are stored as json.dumps of the blob text; others as the text itself.
        Assert.Equal("\"{\\\"access\\\": \\\"" + access + "\\\", \\\"secret\\\": \\\"caf\\u00e9\\\"}\"", encryptor.Decrypt(row.EncryptedBlob));
        Assert.Equal("seed", encryptor.Decrypt((await db.Credentials.SingleAsync(c => c.Id == totp)).EncryptedBlob));

        var (_, body) = await client.GetJsonAsync("v3/credentials/" + id);
        Assert.Equal(blob, body!["credential"]!["blob"]!.GetValue<string>());
    }

    [Fact]
    public async Task Blob_only_update_of_ec2_reads_back_as_python_serialized_text()
    {
        using var client = server.AdminClient();
        var userId = await SeededUsers.AdminUserIdAsync(server);
        var access = "bo-" + Guid.NewGuid().ToString("N");
        var id = (await client.PostJsonAsync("v3/credentials", Ec2(userId, "p", access))).Body.Id("credential");
        var (status, body) = await client.PatchJsonAsync("v3/credentials/" + id, Obj(("credential", Obj(("blob", $"{{\"access\":\"{access}\",\"secret\":\"x\"}}")))));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"{{\"access\":\"{access}\",\"secret\":\"x\"}}", body!["credential"]!["blob"]!.GetValue<string>());
        (_, body) = await client.GetJsonAsync("v3/credentials/" + id);
        Assert.Equal($"{{\"access\": \"{access}\", \"secret\": \"x\"}}", body!["credential"]!["blob"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_input_answers_keystone_texts()
    {
        using var client = server.AdminClient();
        var userId = await SeededUsers.AdminUserIdAsync(server);
        var (status, body) = await client.PostJsonAsync("v3/credentials", Obj(("credential", Obj(("user_id", userId), ("type", "ec2"), ("blob", "abc")))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("is not valid under any of the given schemas", body.Message());
        (_, body) = await client.PostJsonAsync("v3/credentials", Obj(("credential", Obj(("user_id", userId), ("type", "ec2"), ("project_id", "p"), ("blob", "abc")))));
        Assert.Equal("Invalid blob in credential", body.Message());
        (_, body) = await client.PostJsonAsync("v3/credentials", Obj(("credential", Obj(("user_id", userId), ("type", "ec2"), ("project_id", "p"), ("blob", "{}")))));
        Assert.StartsWith("Expecting to find blob in credential.", body.Message());
        (_, body) = await client.PostJsonAsync("v3/credentials", Obj(("credential", Obj(("user_id", userId), ("type", "ec2"), ("project_id", "p"), ("blob", "{\"secret\": 1}")))));
        Assert.StartsWith("Expecting to find access in credential.", body.Message());
        (_, body) = await client.PostJsonAsync("v3/credentials", Obj());
        Assert.StartsWith("{} is not valid under any of the given schemas", body.Message());

        var access = "bad-" + Guid.NewGuid().ToString("N");
        var id = (await client.PostJsonAsync("v3/credentials", Ec2(userId, "p", access))).Body.Id("credential");
        (status, body) = await client.PostJsonAsync("v3/credentials", Ec2(userId, "p", access));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("Conflict occurred attempting to store credential - Duplicate entry.", body.Message());
        (_, body) = await client.PatchJsonAsync("v3/credentials/" + id, Obj(("credential", Obj(("blob", $"{{\"access\": \"{access}\", \"trust_id\": \"t\"}}")))));
        Assert.Equal("trust_id can not be updated for credential", body.Message());
        (_, body) = await client.PatchJsonAsync("v3/credentials/" + id, Obj(("credential", Obj(("blob", "{\"secret\": \"s\"}")))));
        Assert.StartsWith("Expecting to find access in credential.", body.Message());
        (_, body) = await client.PatchJsonAsync("v3/credentials/" + id, Obj(("credential", Obj(("id", "x"), ("blob", $"{{\"access\": \"{access}\"}}")))));
        Assert.StartsWith("Additional properties are not allowed ('id' was unexpected)", body.Message());
        (_, body) = await client.PatchJsonAsync("v3/credentials/" + id, Obj(("credential", Obj())));
        Assert.StartsWith("'blob' is a required property", body.Message());
        // Neither the project nor the type may change.
        (status, _) = await client.PatchJsonAsync("v3/credentials/" + id, Obj(("credential", Obj(("project_id", null), ("blob", "x")))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var totp = (await client.PostJsonAsync("v3/credentials", Obj(("credential", Obj(("user_id", userId), ("type", "totp"), ("blob", "seed")))))).Body.Id("credential");
        (status, _) = await client.PatchJsonAsync("v3/credentials/" + totp, Obj(("credential", Obj(("type", "ec2"), ("blob", "x")))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PatchJsonAsync("v3/credentials/nope", Obj(("credential", Obj(("blob", "x")))))).Status);
    }

    [Fact]
    public async Task Owners_see_and_change_only_their_own()
    {
        using var admin = server.AdminClient();
        var adminId = await SeededUsers.AdminUserIdAsync(server);
        var member = await SeededUsers.CreateMemberAsync(server);
        using var client = server.Client(await server.TokenAsync(member.Name, member.Password, project: member.ProjectName));
        var adminCredential = (await admin.PostJsonAsync("v3/credentials", Obj(("credential", Obj(("user_id", adminId), ("type", "totp"), ("blob", "a")))))).Body.Id("credential");

        var (status, body) = await client.PostJsonAsync("v3/credentials", Obj(("credential", Obj(("user_id", member.UserId), ("type", "totp"), ("blob", "m"), ("x-y", 1)))));
        Assert.Equal(HttpStatusCode.Created, status);
        var own = body.Id("credential");
        Assert.Equal(1, body!["credential"]!["x_y"]!.GetValue<int>());
        (status, body) = await client.PostJsonAsync("v3/credentials", Obj(("credential", Obj(("user_id", adminId), ("type", "totp"), ("blob", "m")))));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("You are not authorized to perform the requested action: identity:create_credential.", body.Message());
        // Policy comes before validation, as in Keystone.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJsonAsync("v3/credentials", Obj(("credential", Obj(("type", 5)))))).Status);

        (_, body) = await client.GetJsonAsync("v3/credentials");
        Assert.Equal(own, Assert.Single(body!["credentials"]!.AsArray())!["id"]!.GetValue<string>());
        (_, body) = await client.GetJsonAsync("v3/credentials?user_id=" + adminId);
        Assert.Empty(body!["credentials"]!.AsArray());
        (_, body) = await admin.GetJsonAsync($"v3/credentials?user_id={member.UserId}&type=totp");
        Assert.Equal(own, Assert.Single(body!["credentials"]!.AsArray())!["id"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetJsonAsync("v3/credentials/" + adminCredential)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteJsonAsync("v3/credentials/" + adminCredential)).Status);
        // An unknown credential cannot be told from someone else's (Keystone enforces on an empty target first).
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetJsonAsync("v3/credentials/nope")).Status);
        // Handing one's credential to another user is refused: only the blob may change.
        (status, _) = await client.PatchJsonAsync("v3/credentials/" + own, Obj(("credential", Obj(("user_id", adminId)))));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, body) = await client.PatchJsonAsync("v3/credentials/" + own, Obj(("credential", Obj(("blob", "m2")))));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("m2", body!["credential"]!["blob"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteJsonAsync("v3/credentials/" + own)).Status);
    }
}

/// <summary>[credential] user_limit on a server configured with it.</summary>
public sealed class CredentialUserLimitTests : IAsyncLifetime
{
    private readonly IdentityServer _server = new() { Settings = { ["SHARPSTACK_CREDENTIAL__USER_LIMIT"] = "1" } };

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_user_may_not_exceed_the_limit()
    {
        using var client = _server.AdminClient();
        var userId = await SeededUsers.AdminUserIdAsync(_server);
        var credential = Obj(("credential", Obj(("user_id", userId), ("type", "totp"), ("blob", "a"))));
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("v3/credentials", credential)).Status);
        var (status, body) = await client.PostJsonAsync("v3/credentials", credential);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Unable to create additional credentials, maximum of 1 already exceeded for user.", body.Message());
    }
}
