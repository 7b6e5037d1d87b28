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

namespace SharpStack.Identity.Api;

/// <summary>/v3/credentials: thin HTTP over <see cref="CredentialManager"/>, with Keystone's owner checks (the
/// credential, as stored and as it would become, is the policy target) and no access for delegated tokens.</summary>
public static class CredentialsApi
{
    private static readonly string[] ScopeKeys = ["trust_id", "app_cred_id", "access_token_id", "access_id"];

    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/credentials", ListAsync);
        v3.MapGetHead("/credentials/{credential_id}", async (string credential_id, HttpContext context, IdentityAuthorizer authz, CredentialManager credentials) =>
        {
            var credential = await MemberAsync(context, authz, credentials, credential_id, IdentityPolicyNames.GetCredential);
            return KeystoneResponse.Entity("credential", Render(credential, context));
        });
        v3.MapPost("/credentials", CreateAsync);
        v3.MapPatch("/credentials/{credential_id}", UpdateAsync);
        v3.MapDelete("/credentials/{credential_id}", async (string credential_id, HttpContext context, IdentityAuthorizer authz, CredentialManager credentials) =>
        {
            await MemberAsync(context, authz, credentials, credential_id, IdentityPolicyNames.DeleteCredential);
            await credentials.DeleteAsync(credential_id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Everyone may list; each credential is then shown only if the caller may get it (their own, or all for
    /// an admin), so a filter cannot reveal other users' credentials.</summary>
    private static async Task<IResult> ListAsync(HttpContext context, IdentityAuthorizer authz, CredentialManager credentials)
    {
        var caller = context.RequireAuth();
        var target = PolicyTargets.FromRoute(context);
        if (caller.SystemScope is null)
            target.SetJson("target.credential", new JsonObject { ["user_id"] = caller.UserId });
        authz.Enforce(context, IdentityPolicyNames.ListCredentials, target);
        var filter = ListFilter.FromQuery(context, "user_id", "type");
        var rows = await credentials.ListAsync(filter.Exact("user_id"), filter.Exact("type"), context.RequestAborted);
        var visible = Delegation.IsDelegated(caller)
            ? []
            : rows.Where(c => authz.Allows(context, caller, IdentityPolicyNames.GetCredential,
                PolicyTargets.FromRoute(context).SetJson("target.credential", Ref(c))));
        return KeystoneResponse.Collection(context, "credentials", visible.Select(c => Render(c, context)).Where(filter.Matches));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IdentityAuthorizer authz, CredentialManager credentials)
    {
        var caller = context.RequireAuth();
        var body = await KeystoneRequest.ReadObjectAsync(context);
        var credential = body.TryGetPropertyValue("credential", out var node) ? node : new JsonObject();
        // Keystone enforces against the submitted credential before validating it.
        authz.Enforce(context, IdentityPolicyNames.CreateCredential, PolicyTargets.FromRoute(context).SetJson("target.credential", credential));
        CredentialSchemas.Create.Check(credential);
        Delegation.RequirePrimaryAuth(caller);
        var created = await credentials.CreateAsync(KeystoneBody.Normalize((JsonObject)credential!), context.RequestAborted);
        return KeystoneResponse.Entity("credential", Render(created, context), 201);
    }

    private static async Task<IResult> UpdateAsync(string credential_id, HttpContext context, IdentityAuthorizer authz, CredentialManager credentials)
    {
        var caller = context.RequireAuth();
        var current = await credentials.FindAsync(credential_id, context.RequestAborted);
        authz.Enforce(context, IdentityPolicyNames.UpdateCredential, Target(context, current));
        var changes = await KeystoneBody.ReadObjectAsync(context, "credential", CredentialSchemas.Update, emptyWhenMissing: true);
        if (current is null) throw CredentialManager.NotFound(credential_id);
        Delegation.RequirePrimaryAuth(caller);
        RequireScopeUnchanged(current, changes);
        KeystoneBody.RequireMatchingId(changes, credential_id);
        // The credential as it would become must pass the owner check too (no handing it to another user).
        var merged = Ref(current);
        foreach (var (k, v) in changes) merged[k] = v?.DeepClone();
        authz.Enforce(context, IdentityPolicyNames.UpdateCredential, PolicyTargets.FromRoute(context).SetJson("target.credential", merged));
        var updated = await credentials.UpdateAsync(current, changes, context.RequestAborted);
        return KeystoneResponse.Entity("credential", Render(updated, context));
    }

    /// <summary>Keystone's _validate_blob_update_keys: a new ec2 blob must be valid and keep the delegation it was
    /// created under.</summary>
    private static void RequireScopeUnchanged(Credential current, JsonObject changes)
    {
        if (!Credential.IsEc2Type(current.Type) || changes["blob"] is not { } blob) return;
        var updated = Credential.ParseEc2Blob(blob.GetValue<string>());
        var old = current.BlobObject;
        foreach (var key in ScopeKeys)
            if (!JsonNode.DeepEquals(old[key], updated[key]))
                throw ApiException.BadRequest($"{key} can not be updated for credential");
    }

    /// <summary>Keystone builds the target from the stored credential (nothing when it does not exist), enforces, and
    /// only then answers 404; delegated tokens are refused after that.</summary>
    private static async Task<Credential> MemberAsync(HttpContext context, IdentityAuthorizer authz, CredentialManager credentials, string id, string rule)
    {
        var caller = context.RequireAuth();
        var credential = await credentials.FindAsync(id, context.RequestAborted);
        authz.Enforce(context, rule, Target(context, credential));
        if (credential is null) throw CredentialManager.NotFound(id);
        Delegation.RequirePrimaryAuth(caller);
        return credential;
    }

    private static SharpStack.Core.Policy.PolicyTarget Target(HttpContext context, Credential? credential)
    {
        var target = PolicyTargets.FromRoute(context);
        return credential is null ? target : target.SetJson("target.credential", Ref(credential));
    }

    /// <summary>The credential as Keystone's credential_api returns it (extra attributes under the columns).</summary>
    public static JsonObject Ref(Credential c)
    {
        var o = (JsonObject)c.Extra.DeepClone();
        o["id"] = c.Id;
        o["user_id"] = c.UserId;
        o["project_id"] = c.ProjectId;
        o["type"] = c.Type;
        o["blob"] = c.BlobText;
        return o;
    }

    public static JsonObject Render(Credential c, HttpContext context) => Ref(c).WithSelfLink(context, "credentials/" + c.Id);
}
