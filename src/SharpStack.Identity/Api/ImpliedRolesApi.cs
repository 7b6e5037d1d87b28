using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Assignments;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/roles/{prior}/implies[/{implied}] and /v3/role_inferences: thin HTTP over
/// <see cref="ImpliedRoleManager"/>. The policy target holds the prior and implied roles (missing ones are 404s
/// before the policy check, as in Keystone).</summary>
public static class ImpliedRolesApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/roles/{prior_role_id}/implies", async (string prior_role_id, HttpContext context, IdentityAuthorizer authz,
            RoleManager roles, ImpliedRoleManager implied) =>
        {
            var prior = await roles.GetAsync(prior_role_id, context.RequestAborted);
            authz.Enforce(context, IdentityPolicyNames.ListImpliedRoles, Target(context, prior, null));
            var impliedRoles = await roles.ListByIdsAsync(await implied.ImpliedByAsync(prior_role_id, context.RequestAborted), context.RequestAborted);
            var list = new JsonArray();
            foreach (var r in impliedRoles) list.Add(RoleRef(r, context));
            return Inference(context, prior, list, $"roles/{prior_role_id}/implies");
        });
        v3.MapGet("/roles/{prior_role_id}/implies/{implied_role_id}", async (string prior_role_id, string implied_role_id, HttpContext context,
            IdentityAuthorizer authz, RoleManager roles, ImpliedRoleManager implied) =>
        {
            var (prior, impliedRole) = await RolesAsync(roles, prior_role_id, implied_role_id, context);
            authz.Enforce(context, IdentityPolicyNames.GetImpliedRole, Target(context, prior, impliedRole));
            await implied.GetAsync(prior_role_id, implied_role_id, context.RequestAborted);
            return Inference(context, prior, RoleRef(impliedRole, context), $"roles/{prior_role_id}/implies/{implied_role_id}");
        });
        v3.MapMethods("/roles/{prior_role_id}/implies/{implied_role_id}", ["HEAD"], async (string prior_role_id, string implied_role_id,
            HttpContext context, IdentityAuthorizer authz, RoleManager roles, ImpliedRoleManager implied) =>
        {
            // Keystone checks both rules on HEAD and answers 204.
            var (prior, impliedRole) = await RolesAsync(roles, prior_role_id, implied_role_id, context);
            var target = Target(context, prior, impliedRole);
            authz.Enforce(context, IdentityPolicyNames.CheckImpliedRole, target);
            authz.Enforce(context, IdentityPolicyNames.GetImpliedRole, target);
            await implied.GetAsync(prior_role_id, implied_role_id, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapPut("/roles/{prior_role_id}/implies/{implied_role_id}", async (string prior_role_id, string implied_role_id, HttpContext context,
            IdentityAuthorizer authz, RoleManager roles, ImpliedRoleManager implied) =>
        {
            var (prior, impliedRole) = await RolesAsync(roles, prior_role_id, implied_role_id, context);
            authz.Enforce(context, IdentityPolicyNames.CreateImpliedRole, Target(context, prior, impliedRole));
            await implied.CreateAsync(prior_role_id, implied_role_id, context.RequestAborted);
            var body = Inference(context, prior, RoleRef(impliedRole, context), $"roles/{prior_role_id}/implies/{implied_role_id}");
            return new SharpStack.Core.Http.JsonBodyResult(body.Body, 201);
        });
        v3.MapDelete("/roles/{prior_role_id}/implies/{implied_role_id}", async (string prior_role_id, string implied_role_id, HttpContext context,
            IdentityAuthorizer authz, RoleManager roles, ImpliedRoleManager implied) =>
        {
            var (prior, impliedRole) = await RolesAsync(roles, prior_role_id, implied_role_id, context);
            authz.Enforce(context, IdentityPolicyNames.DeleteImpliedRole, Target(context, prior, impliedRole));
            await implied.DeleteAsync(prior_role_id, implied_role_id, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapGetHead("/role_inferences", async (HttpContext context, IdentityAuthorizer authz, RoleManager roles, ImpliedRoleManager implied) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListRoleInferenceRules);
            var rules = await implied.ListAllAsync(context.RequestAborted);
            var byId = (await roles.ListAsync(globalOnly: false, context.RequestAborted)).ToDictionary(r => r.Id);
            var inferences = new JsonArray();
            foreach (var group in rules.Where(r => byId.ContainsKey(r.PriorRoleId) && byId.ContainsKey(r.ImpliedRoleId)).GroupBy(r => r.PriorRoleId))
            {
                var list = new JsonArray();
                foreach (var rule in group) list.Add(RoleRef(byId[rule.ImpliedRoleId], context));
                inferences.Add(new JsonObject { ["prior_role"] = RoleRef(byId[group.Key], context), ["implies"] = list });
            }
            // Keystone's role_inferences answer has no links.
            return new SharpStack.Core.Http.JsonBodyResult(new JsonObject { ["role_inferences"] = inferences }, 200);
        });
    }

    /// <summary>Prior role first, as Keystone's target builder looks them up.</summary>
    private static async Task<(RoleRow Prior, RoleRow Implied)> RolesAsync(RoleManager roles, string priorId, string impliedId, HttpContext context)
    {
        var prior = await roles.GetAsync(priorId, context.RequestAborted);
        var implied = await roles.GetAsync(impliedId, context.RequestAborted);
        return (prior, implied);
    }

    private static PolicyTarget Target(HttpContext context, RoleRow prior, RoleRow? implied)
    {
        var target = new PolicyTarget().Set("prior_role_id", prior.Id).Set("target.prior_role", RoleJson.Target(prior));
        if (implied is not null) target.Set("implied_role_id", implied.Id).Set("target.implied_role", RoleJson.Target(implied));
        return target;
    }

    /// <summary>A role inside a role_inference: id, links, name.</summary>
    private static JsonObject RoleRef(RoleRow r, HttpContext context) => new()
    {
        ["id"] = r.Id,
        ["links"] = new JsonObject { ["self"] = KeystoneResponse.BaseUrl(context) + "/v3/roles/" + r.Id },
        ["name"] = r.Name,
    };

    private static SharpStack.Core.Http.JsonBodyResult Inference(HttpContext context, RoleRow prior, JsonNode implies, string self) =>
        new(new JsonObject
        {
            ["role_inference"] = new JsonObject { ["prior_role"] = RoleRef(prior, context), ["implies"] = implies },
            ["links"] = new JsonObject { ["self"] = KeystoneResponse.BaseUrl(context) + "/v3/" + self },
        }, 200);
}
