using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Credentials;
using SharpStack.Identity.Tokens;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Storage;

namespace SharpStack.Identity.Api;

/// <summary>/v3/users/{user_id}/credentials/OS-EC2: the EC2 view of ec2 credentials (access and secret generated
/// here), addressed by access key; stored as ordinary credentials.</summary>
public static class Ec2CredentialsApi
{
    private const string Path = "/users/{user_id}/credentials/OS-EC2";

    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead(Path, async (string user_id, HttpContext context, IdentityAuthorizer authz, CredentialManager credentials, IdentityDb db) =>
        {
            var caller = authz.Enforce(context, IdentityPolicyNames.Ec2ListCredentials, PolicyTargets.FromRoute(context));
            Delegation.RequirePrimaryAuth(caller);
            await References.UserAsync(db, user_id, context.RequestAborted);
            var rows = await credentials.ListAsync(user_id, Credential.Ec2, context.RequestAborted);
            return KeystoneResponse.Collection(context, "credentials", rows.Select(c => Render(c, context)));
        });
        v3.MapPost(Path, async (string user_id, HttpContext context, IdentityAuthorizer authz, CredentialManager credentials, IdentityDb db) =>
        {
            var target = PolicyTargets.FromRoute(context).SetJson("target.credential", new JsonObject { ["user_id"] = user_id });
            var caller = authz.Enforce(context, IdentityPolicyNames.Ec2CreateCredential, target);
            await References.UserAsync(db, user_id, context.RequestAborted);
            var body = await KeystoneRequest.ReadObjectAsync(context);
            var tenant = body["tenant_id"] switch
            {
                null => null,
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                var other => other.ToJsonString(),
            };
            var project = await References.ProjectAsync(db, tenant, context.RequestAborted);
            Delegation.RequirePrimaryAuth(caller);
            // trust_id is always null: trust-scoped tokens were refused just above.
            var blob = new JsonObject { ["access"] = Ids.New(), ["secret"] = Ids.New(), ["trust_id"] = null };
            var created = await credentials.CreateAsync(new JsonObject
            {
                ["user_id"] = user_id,
                ["project_id"] = project.Id,
                ["blob"] = PythonJson.Dumps(blob),
                ["type"] = Credential.Ec2,
            }, context.RequestAborted);
            return KeystoneResponse.Entity("credential", Render(created, context), 201);
        });
        v3.MapGetHead(Path + "/{credential_id}", async (string credential_id, HttpContext context, IdentityAuthorizer authz, CredentialManager credentials, IdentityDb db) =>
        {
            var credential = await MemberAsync(context, authz, credentials, db, credential_id, IdentityPolicyNames.Ec2GetCredential);
            return KeystoneResponse.Entity("credential", Render(credential, context));
        });
        v3.MapDelete(Path + "/{credential_id}", async (string credential_id, HttpContext context, IdentityAuthorizer authz, CredentialManager credentials, IdentityDb db) =>
        {
            var credential = await MemberAsync(context, authz, credentials, db, credential_id, IdentityPolicyNames.Ec2DeleteCredential);
            await credentials.DeleteAsync(credential.Id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Keystone's order: the credential (by the hash of the access key) is loaded for the target, so an unknown
    /// key is 404 before policy; then the user must exist, the credential must be ec2, and the token not delegated.
    /// Like Keystone, the credential need not belong to the user in the path: policy decides who may see it.</summary>
    private static async Task<Credential> MemberAsync(HttpContext context, IdentityAuthorizer authz, CredentialManager credentials, IdentityDb db, string access, string rule)
    {
        context.RequireAuth();
        var credential = await credentials.GetAsync(Credential.HashAccessKey(access), context.RequestAborted);
        var caller = authz.Enforce(context, rule, PolicyTargets.FromRoute(context).SetJson("target.credential", CredentialsApi.Ref(credential)));
        await References.UserAsync(db, (string)context.Request.RouteValues["user_id"]!, context.RequestAborted);
        if (credential.Type != Credential.Ec2) throw ApiException.Unauthorized();
        Delegation.RequirePrimaryAuth(caller);
        return credential;
    }

    /// <summary>Keystone's _convert_v3_to_ec2_credential, linked by access key.</summary>
    public static JsonObject Render(Credential c, HttpContext context)
    {
        var blob = c.BlobObject;
        var access = blob["access"] is JsonValue a && a.TryGetValue<string>(out var s) ? s : blob["access"]?.ToJsonString() ?? "None";
        return new JsonObject
        {
            ["user_id"] = c.UserId,
            ["tenant_id"] = c.ProjectId,
            ["access"] = blob["access"]?.DeepClone(),
            ["secret"] = blob["secret"]?.DeepClone(),
            ["trust_id"] = blob["trust_id"]?.DeepClone(),
            ["links"] = new JsonObject { ["self"] = $"{KeystoneResponse.BaseUrl(context)}/v3/users/{c.UserId}/credentials/OS-EC2/{access}" },
        };
    }
}
