using System.Net;
using System.Security.Cryptography;
using System.Text;
using static SharpStack.Identity.Tests.Api.JsonCalls;

namespace SharpStack.Identity.Tests.Api;

public sealed class Ec2CredentialsApiTests(IdentityServer server) : IClassFixture<IdentityServer>
{
    [Fact]
    public async Task Member_creates_lists_shows_and_deletes_own_ec2_credentials()
    {
        var member = await SeededUsers.CreateMemberAsync(server);
        using var client = server.Client(await server.TokenAsync(member.Name, member.Password, project: member.ProjectName));
        var path = $"v3/users/{member.UserId}/credentials/OS-EC2";

        var (status, body) = await client.PostJsonAsync(path, Obj(("tenant_id", member.ProjectId)));
        Assert.Equal(HttpStatusCode.Created, status);
        var credential = body!["credential"]!;
        var access = credential["access"]!.GetValue<string>();
        Assert.Equal(32, access.Length);
        Assert.Equal(32, credential["secret"]!.GetValue<string>().Length);
        Assert.Equal(member.UserId, credential["user_id"]!.GetValue<string>());
        Assert.Equal(member.ProjectId, credential["tenant_id"]!.GetValue<string>());
        Assert.Null(credential["trust_id"]);
        Assert.EndsWith($"/v3/users/{member.UserId}/credentials/OS-EC2/{access}", credential["links"]!["self"]!.GetValue<string>());

        (_, body) = await client.GetJsonAsync(path);
        Assert.Contains(body!["credentials"]!.AsArray(), c => c!["access"]!.GetValue<string>() == access);
        (status, body) = await client.GetJsonAsync($"{path}/{access}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(credential["secret"]!.GetValue<string>(), body!["credential"]!["secret"]!.GetValue<string>());

        // The same credential through /v3/credentials: id is the SHA-256 of the access key.
        using var admin = server.AdminClient();
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(access)));
        (_, body) = await admin.GetJsonAsync("v3/credentials/" + id);
        Assert.Equal("ec2", body!["credential"]!["type"]!.GetValue<string>());
        Assert.Equal($"{{\"access\": \"{access}\", \"secret\": \"{credential["secret"]}\", \"trust_id\": null}}", body["credential"]!["blob"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteJsonAsync($"{path}/{access}")).Status);
        (status, body) = await client.GetJsonAsync($"{path}/{access}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal($"Could not find credential: {id}.", body.Message());
    }

    [Fact]
    public async Task Errors_follow_keystone()
    {
        var member = await SeededUsers.CreateMemberAsync(server);
        var other = await SeededUsers.CreateMemberAsync(server);
        using var client = server.Client(await server.TokenAsync(member.Name, member.Password, project: member.ProjectName));
        using var admin = server.AdminClient();
        var path = $"v3/users/{member.UserId}/credentials/OS-EC2";

        var (status, body) = await client.PostJsonAsync(path, Obj());
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Could not find project: None.", body.Message());
        Assert.Equal("Could not find project: nope.", (await client.PostJsonAsync(path, Obj(("tenant_id", "nope")))).Body.Message());
        Assert.Equal("Could not find user: nope.", (await admin.PostJsonAsync("v3/users/nope/credentials/OS-EC2", Obj(("tenant_id", member.ProjectId)))).Body.Message());
        Assert.Equal("Could not find user: nope.", (await admin.GetJsonAsync("v3/users/nope/credentials/OS-EC2")).Body.Message());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJsonAsync($"v3/users/{other.UserId}/credentials/OS-EC2", Obj(("tenant_id", member.ProjectId)))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetJsonAsync($"v3/users/{other.UserId}/credentials/OS-EC2")).Status);

        // Someone else's credential under one's own path is still theirs: policy refuses it.
        using var otherClient = server.Client(await server.TokenAsync(other.Name, other.Password, project: other.ProjectName));
        var access = (await otherClient.PostJsonAsync($"v3/users/{other.UserId}/credentials/OS-EC2", Obj(("tenant_id", other.ProjectId)))).Body!["credential"]!["access"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetJsonAsync($"{path}/{access}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteJsonAsync($"{path}/{access}")).Status);

        // A credential that is not (exactly) "ec2" is not an EC2 access key.
        var upper = "UP-" + Guid.NewGuid().ToString("N");
        await admin.PostJsonAsync("v3/credentials", Obj(("credential", Obj(("user_id", member.UserId), ("project_id", member.ProjectId), ("type", "EC2"), ("blob", $"{{\"access\": \"{upper}\"}}")))));
        (status, _) = await admin.GetJsonAsync($"{path}/{upper}");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
