using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Policies;
using Style = SharpStack.Identity.Api.GrantPolicyTargets.Style;

namespace SharpStack.Identity.Api;

/// <summary>/v3/system/{users,groups}/{id}/roles[/{role_id}]: roles on the system, thin HTTP over <see cref="GrantManager"/>.</summary>
public static class SystemGrantsApi
{
    private sealed record Rules(string List, string Check, string Create, string Revoke);

    public static void Map(RouteGroupBuilder v3)
    {
        MapActor(v3, "users", "user_id", isGroup: false, new Rules(IdentityPolicyNames.ListSystemGrantsForUser,
            IdentityPolicyNames.CheckSystemGrantForUser, IdentityPolicyNames.CreateSystemGrantForUser, IdentityPolicyNames.RevokeSystemGrantForUser));
        MapActor(v3, "groups", "group_id", isGroup: true, new Rules(IdentityPolicyNames.ListSystemGrantsForGroup,
            IdentityPolicyNames.CheckSystemGrantForGroup, IdentityPolicyNames.CreateSystemGrantForGroup, IdentityPolicyNames.RevokeSystemGrantForGroup));
    }

    private static void MapActor(RouteGroupBuilder v3, string collection, string param, bool isGroup, Rules rules)
    {
        var prefix = $"/system/{collection}/{{{param}}}/roles";
        v3.MapGetHead(prefix, async (HttpContext context, IdentityAuthorizer authz, GrantPolicyTargets targets, GrantManager grants) =>
        {
            var actorId = (string)context.Request.RouteValues[param]!;
            authz.Enforce(context, rules.List, await targets.BuildAsync(Style.Domains, null, actorId, isGroup, null, false, false, context.RequestAborted));
            var roles = await grants.ListSystemAsync(actorId, isGroup, context.RequestAborted);
            return KeystoneResponse.Collection(context, "roles", roles.Select(r => RoleJson.Render(r, context)));
        });
        v3.MapGetHead(prefix + "/{role_id}", async (string role_id, HttpContext context, IdentityAuthorizer authz, GrantPolicyTargets targets, GrantManager grants) =>
        {
            var actorId = (string)context.Request.RouteValues[param]!;
            authz.Enforce(context, rules.Check, await targets.BuildAsync(Style.Domains, role_id, actorId, isGroup, null, false, false, context.RequestAborted));
            await grants.CheckSystemAsync(actorId, role_id, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapPut(prefix + "/{role_id}", async (string role_id, HttpContext context, IdentityAuthorizer authz, GrantPolicyTargets targets, GrantManager grants) =>
        {
            var actorId = (string)context.Request.RouteValues[param]!;
            authz.Enforce(context, rules.Create, await targets.BuildAsync(Style.Domains, role_id, actorId, isGroup, null, false, false, context.RequestAborted));
            await grants.CreateSystemAsync(actorId, isGroup, role_id, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapDelete(prefix + "/{role_id}", async (string role_id, HttpContext context, IdentityAuthorizer authz, GrantPolicyTargets targets, GrantManager grants) =>
        {
            var actorId = (string)context.Request.RouteValues[param]!;
            authz.Enforce(context, rules.Revoke, await targets.BuildAsync(Style.Domains, role_id, actorId, isGroup, null, false, true, context.RequestAborted));
            await grants.DeleteSystemAsync(actorId, role_id, context.RequestAborted);
            return Results.NoContent();
        });
    }
}
