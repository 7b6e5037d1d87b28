using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Policies;
using Style = SharpStack.Identity.Api.GrantPolicyTargets.Style;

namespace SharpStack.Identity.Api;

/// <summary>Role grants on projects and domains, direct (/v3/projects/…/roles, /v3/domains/…/roles) and inherited to
/// projects (/v3/OS-INHERIT/…/inherited_to_projects): thin HTTP over <see cref="GrantManager"/>.</summary>
public static class GrantsApi
{
    /// <summary>One family of grant routes: which actor and target kind, whether inherited, and whose target builder.</summary>
    private sealed record Family(string Prefix, bool TargetIsDomain, bool ActorIsGroup, bool Inherited, Style Style)
    {
        public string TargetParam => TargetIsDomain ? "domain_id" : "project_id";
        public string ActorParam => ActorIsGroup ? "group_id" : "user_id";
        public string Suffix => Inherited ? "/inherited_to_projects" : "";
        public string Collection => $"{Prefix}/{{{TargetParam}}}/{(ActorIsGroup ? "groups" : "users")}/{{{ActorParam}}}/roles";
    }

    public static void Map(RouteGroupBuilder v3)
    {
        foreach (var group in new[] { false, true })
        {
            MapFamily(v3, new Family("/projects", false, group, false, Style.Projects), withList: true);
            MapFamily(v3, new Family("/domains", true, group, false, Style.Domains), withList: true);
            MapFamily(v3, new Family("/OS-INHERIT/domains", true, group, true, Style.Inherit), withList: true);
            // Keystone has no list route for roles inherited from a project.
            MapFamily(v3, new Family("/OS-INHERIT/projects", false, group, true, Style.Inherit), withList: false);
        }
    }

    private static void MapFamily(RouteGroupBuilder v3, Family f, bool withList)
    {
        var member = f.Collection + "/{role_id}" + f.Suffix;
        if (withList)
        {
            v3.MapGetHead(f.Collection + f.Suffix, async (HttpContext context, IdentityAuthorizer authz, GrantPolicyTargets targets, GrantManager grants) =>
            {
                var (actorId, targetId) = Ids(context, f);
                authz.Enforce(context, IdentityPolicyNames.ListGrants,
                    await targets.BuildAsync(f.Style, null, actorId, f.ActorIsGroup, targetId, f.TargetIsDomain, false, context.RequestAborted));
                var roles = await grants.ListAsync(actorId, targetId, f.TargetIsDomain, f.Inherited, context.RequestAborted);
                return KeystoneResponse.Collection(context, "roles", roles.Select(r => RoleJson.Render(r, context)));
            });
        }
        v3.MapGetHead(member, async (string role_id, HttpContext context, IdentityAuthorizer authz, GrantPolicyTargets targets, GrantManager grants) =>
        {
            var grant = await EnforceAsync(context, f, role_id, IdentityPolicyNames.CheckGrant, authz, targets, allowMissingActor: false);
            await grants.CheckAsync(grant, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapPut(member, async (string role_id, HttpContext context, IdentityAuthorizer authz, GrantPolicyTargets targets, GrantManager grants) =>
        {
            var grant = await EnforceAsync(context, f, role_id, IdentityPolicyNames.CreateGrant, authz, targets, allowMissingActor: false);
            await grants.CreateAsync(grant, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapDelete(member, async (string role_id, HttpContext context, IdentityAuthorizer authz, GrantPolicyTargets targets, GrantManager grants) =>
        {
            // Keystone lets a grant of a deleted user or group be revoked (except on the OS-INHERIT routes, where a
            // missing actor simply leaves the target empty).
            var grant = await EnforceAsync(context, f, role_id, IdentityPolicyNames.RevokeGrant, authz, targets, allowMissingActor: f.Style != Style.Inherit);
            await grants.DeleteAsync(grant, context.RequestAborted);
            return Results.NoContent();
        });
    }

    private static async Task<Grant> EnforceAsync(HttpContext context, Family f, string roleId, string rule, IdentityAuthorizer authz,
        GrantPolicyTargets targets, bool allowMissingActor)
    {
        var (actorId, targetId) = Ids(context, f);
        authz.Enforce(context, rule,
            await targets.BuildAsync(f.Style, roleId, actorId, f.ActorIsGroup, targetId, f.TargetIsDomain, allowMissingActor, context.RequestAborted));
        return new Grant(roleId, actorId, f.ActorIsGroup, targetId, f.TargetIsDomain, f.Inherited);
    }

    private static (string ActorId, string TargetId) Ids(HttpContext context, Family f) =>
        ((string)context.Request.RouteValues[f.ActorParam]!, (string)context.Request.RouteValues[f.TargetParam]!);
}
