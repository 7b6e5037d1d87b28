using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.ApplicationCredentials;
using SharpStack.Identity.Common;
using SharpStack.Identity.Policies;

namespace SharpStack.Identity.Api;

/// <summary>/v3/users/{user_id}/application_credentials: thin HTTP over <see cref="ApplicationCredentialManager"/>.</summary>
public static class ApplicationCredentialsApi
{
    private const string Collection = "/users/{userId}/application_credentials";

    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead(Collection, async (string userId, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, ApplicationCredentialManager appCreds) =>
        {
            var caller = authz.Enforce(context, IdentityPolicyNames.ListApplicationCredentials, new PolicyTarget().Set("user_id", userId));
            guards.BlockForApplicationCredentials(caller);
            var filter = ListFilter.FromQuery(context, "name");
            var views = await appCreds.ListAsync(userId, context.RequestAborted);
            return KeystoneResponse.Collection(context, "application_credentials", views.Select(v => Render(v, context)).Where(filter.Matches));
        });
        v3.MapPost(Collection, async (string userId, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, ApplicationCredentialManager appCreds) =>
        {
            var caller = authz.Enforce(context, IdentityPolicyNames.CreateApplicationCredential, new PolicyTarget().Set("user_id", userId));
            var entity = await KeystoneBody.ReadObjectAsync(context, "application_credential", ApplicationCredentialSchemas.Create, emptyWhenMissing: true);
            guards.BlockForApplicationCredentials(caller);
            await guards.RequireUnrestrictedAsync(caller, context.RequestAborted);
            if (caller.UserId != userId)
                throw DelegationGuards.ForbiddenAction("Cannot create an application credential for another user.");
            var (view, secret) = await appCreds.CreateAsync(caller, entity, context.RequestAborted);
            return KeystoneResponse.Entity("application_credential", Render(view, context, secret), 201);
        });
        v3.MapGetHead(Collection + "/{id}", async (string userId, string id, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, ApplicationCredentialManager appCreds) =>
        {
            var caller = authz.Enforce(context, IdentityPolicyNames.GetApplicationCredential, await OwnerTargetAsync(appCreds, userId, id, context));
            guards.BlockForApplicationCredentials(caller);
            return KeystoneResponse.Entity("application_credential", Render(await appCreds.GetAsync(id, context.RequestAborted), context));
        });
        v3.MapDelete(Collection + "/{id}", async (string userId, string id, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, ApplicationCredentialManager appCreds) =>
        {
            var caller = authz.Enforce(context, IdentityPolicyNames.DeleteApplicationCredential, await OwnerTargetAsync(appCreds, userId, id, context));
            guards.BlockForApplicationCredentials(caller);
            await guards.RequireUnrestrictedAsync(caller, context.RequestAborted);
            await appCreds.DeleteAsync(id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Keystone checks ownership against the credential's owner, not the user in the path, so knowing another
    /// user's credential id and putting your own user id in the path gains nothing.</summary>
    private static async Task<PolicyTarget> OwnerTargetAsync(ApplicationCredentialManager appCreds, string pathUserId, string id, HttpContext context)
    {
        var row = await appCreds.FindAsync(id, context.RequestAborted);
        var target = new PolicyTarget().Set("user_id", row?.UserId ?? pathUserId);
        if (row is not null) target.Set("target.user_id", row.UserId);
        return target;
    }

    /// <summary>The credential as Keystone shows it; the secret only in the answer to its creation.</summary>
    public static JsonObject Render(ApplicationCredentialView view, HttpContext context, string? secret = null)
    {
        var r = view.Row;
        var roles = new JsonArray();
        foreach (var role in view.Roles) roles.Add(DelegatedRoles.Render(role));
        var o = new JsonObject
        {
            ["id"] = r.Id,
            ["name"] = r.Name,
            ["description"] = r.Description,
            ["user_id"] = r.UserId,
            ["project_id"] = r.ProjectId,
            ["system"] = r.System,
            ["expires_at"] = r.ExpiresAt is { } e ? Timestamps.Iso(e) : null,
            ["unrestricted"] = r.Unrestricted,
            ["roles"] = roles,
        };
        if (view.AccessRules.Count > 0)
        {
            var rules = new JsonArray();
            foreach (var rule in view.AccessRules) rules.Add(AccessRulesApi.RenderBare(rule));
            o["access_rules"] = rules;
        }
        if (secret is not null) o["secret"] = secret;
        // Keystone's link omits the user path: /v3/application_credentials/{id}.
        return o.WithSelfLink(context, "application_credentials/" + r.Id);
    }
}
