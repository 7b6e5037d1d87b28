using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.ApplicationCredentials;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/users/{user_id}/access_rules: list, show and delete (when unused) a user's access rules.</summary>
public static class AccessRulesApi
{
    private const string Collection = "/users/{userId}/access_rules";

    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead(Collection, async (string userId, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, IdentityDb db, ApplicationCredentialManager appCreds) =>
        {
            var caller = authz.Enforce(context, IdentityPolicyNames.ListAccessRules, await UserTargetAsync(db, userId, context));
            guards.BlockForApplicationCredentials(caller);
            var filter = ListFilter.FromQuery(context, "service", "path", "method");
            var rules = await appCreds.ListAccessRulesAsync(userId, context.RequestAborted);
            return KeystoneResponse.Collection(context, "access_rules", rules.Select(r => Render(r, context)).Where(filter.Matches));
        });
        v3.MapGetHead(Collection + "/{id}", async (string userId, string id, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, IdentityDb db, ApplicationCredentialManager appCreds) =>
        {
            var caller = authz.Enforce(context, IdentityPolicyNames.GetAccessRule, await UserTargetAsync(db, userId, context));
            guards.BlockForApplicationCredentials(caller);
            return KeystoneResponse.Entity("access_rule", Render(await appCreds.GetAccessRuleAsync(userId, id, context.RequestAborted), context));
        });
        v3.MapDelete(Collection + "/{id}", async (string userId, string id, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, IdentityDb db, ApplicationCredentialManager appCreds) =>
        {
            var caller = authz.Enforce(context, IdentityPolicyNames.DeleteAccessRule, await UserTargetAsync(db, userId, context));
            guards.BlockForApplicationCredentials(caller);
            await appCreds.DeleteAccessRuleAsync(userId, id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Keystone's _build_user_target_enforcement: target.user is the path's user when it exists.</summary>
    internal static async Task<PolicyTarget> UserTargetAsync(IdentityDb db, string userId, HttpContext context)
    {
        var target = new PolicyTarget().Set("user_id", userId);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, context.RequestAborted);
        if (user is not null)
        {
            target.Set("target.user.id", user.Id);
            target.Set("target.user.name", user.Name);
            target.Set("target.user.domain_id", user.DomainId);
            target.Set("target.user.enabled", user.Enabled);
            target.Set("target.user.default_project_id", user.DefaultProjectId);
        }
        return target;
    }

    /// <summary>{id, service, path, method}: an access rule inside an application credential.</summary>
    public static JsonObject RenderBare(AccessRuleRow r) => new()
    {
        ["id"] = r.Id,
        ["service"] = r.Service,
        ["path"] = r.Path,
        ["method"] = r.Method,
    };

    /// <summary>Keystone's link omits the user path: /v3/access_rules/{id}.</summary>
    public static JsonObject Render(AccessRuleRow r, HttpContext context) => RenderBare(r).WithSelfLink(context, "access_rules/" + r.Id);
}
