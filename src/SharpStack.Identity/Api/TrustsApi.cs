using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Auth;
using SharpStack.Core.Errors;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Storage.Entities;
using SharpStack.Identity.Trusts;

namespace SharpStack.Identity.Api;

/// <summary>/v3/OS-TRUST/trusts: thin HTTP over <see cref="TrustManager"/>.</summary>
public static class TrustsApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapPost("/OS-TRUST/trusts", async (HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, TrustManager trusts, DelegatedRoles roles) =>
        {
            context.RequireAuth();
            var node = Member(await KeystoneRequest.ReadObjectAsync(context), "trust");
            // Keystone checks policy on the requested trust before validating it.
            var target = new PolicyTarget();
            foreach (var (k, v) in node as JsonObject ?? [])
                target.Set("target.trust." + k, Scalar(v));
            var caller = authz.Enforce(context, IdentityPolicyNames.CreateTrust, target);
            TrustSchemas.Create.Check(node);
            var trust = (JsonObject)node!;
            guards.BlockForTrusts(caller);
            var created = await trusts.CreateAsync(caller, trust, context.RequestAborted);
            return KeystoneResponse.Entity("trust", await RenderFullAsync(created, roles, context), 201);
        });
        v3.MapGetHead("/OS-TRUST/trusts", async (HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, TrustManager trusts) =>
        {
            var query = context.Request.Query;
            var trustor = query["trustor_user_id"].ToString();
            var trustee = query["trustee_user_id"].ToString();
            AuthContext caller;
            if (trustor.Length > 0)
                caller = authz.Enforce(context, IdentityPolicyNames.ListTrustsForTrustor, new PolicyTarget().Set("target.trust.trustor_user_id", trustor));
            else if (trustee.Length > 0)
                caller = authz.Enforce(context, IdentityPolicyNames.ListTrustsForTrustee, new PolicyTarget().Set("target.trust.trustee_user_id", trustee));
            else
                caller = authz.Enforce(context, IdentityPolicyNames.ListTrusts);
            guards.BlockForTrusts(caller);
            // As Keystone: no query lists all, a trustor or trustee filter narrows, any other query finds nothing.
            var rows = query.Count == 0 ? await trusts.ListAsync(null, null, context.RequestAborted)
                : trustor.Length > 0 ? await trusts.ListAsync(trustor, null, context.RequestAborted)
                : trustee.Length > 0 ? await trusts.ListAsync(null, trustee, context.RequestAborted)
                : [];
            return KeystoneResponse.Collection(context, "trusts", rows.Select(r => Render(r, context)));
        });
        v3.MapGetHead("/OS-TRUST/trusts/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, TrustManager trusts, DelegatedRoles roles) =>
        {
            var trust = await AuthorizedTrustAsync(context, authz, guards, trusts, id, IdentityPolicyNames.GetTrust);
            return KeystoneResponse.Entity("trust", await RenderFullAsync(trust, roles, context));
        });
        v3.MapDelete("/OS-TRUST/trusts/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, TrustManager trusts) =>
        {
            await AuthorizedTrustAsync(context, authz, guards, trusts, id, IdentityPolicyNames.DeleteTrust);
            await trusts.DeleteAsync(id, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapGetHead("/OS-TRUST/trusts/{id}/roles", async (string id, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, TrustManager trusts, DelegatedRoles roles) =>
        {
            var trust = await AuthorizedTrustAsync(context, authz, guards, trusts, id, IdentityPolicyNames.ListRolesForTrust);
            var rendered = await RenderFullAsync(trust, roles, context);
            return new SharpStack.Core.Http.JsonBodyResult(new JsonObject
            {
                ["roles"] = rendered["roles"]!.DeepClone(),
                ["links"] = rendered["roles_links"]!.DeepClone(),
            }, 200);
        });
        v3.MapGetHead("/OS-TRUST/trusts/{id}/roles/{roleId}", async (string id, string roleId, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, TrustManager trusts, DelegatedRoles roles) =>
        {
            var trust = await AuthorizedTrustAsync(context, authz, guards, trusts, id, IdentityPolicyNames.GetRoleForTrust);
            var role = trust.RoleIds.Contains(roleId) ? (await roles.RowsAsync([roleId], context.RequestAborted)).FirstOrDefault() : null;
            if (role is null) throw ApiException.NotFound($"Could not find role: {roleId}.");
            return KeystoneResponse.Entity("role", DelegatedRoles.RenderWithLink(role, context));
        });
    }

    /// <summary>Keystone's request_body_json.get(wrapper, {}): {} when absent, whatever was sent otherwise.</summary>
    private static JsonNode? Member(JsonObject body, string wrapper) =>
        body.TryGetPropertyValue(wrapper, out var node) ? node : new JsonObject();

    /// <summary>Keystone's order: authenticated, then the trust must exist (404 before 403), then policy on it,
    /// then the delegated-token refusal.</summary>
    private static async Task<TrustView> AuthorizedTrustAsync(HttpContext context, IdentityAuthorizer authz, DelegationGuards guards,
        TrustManager trusts, string id, string rule)
    {
        context.RequireAuth();
        var trust = await trusts.GetAsync(id, context.RequestAborted);
        var r = trust.Row;
        var target = new PolicyTarget()
            .Set("trust_id", id)
            .Set("target.trust.id", r.Id)
            .Set("target.trust.trustor_user_id", r.TrustorUserId)
            .Set("target.trust.trustee_user_id", r.TrusteeUserId)
            .Set("target.trust.project_id", r.ProjectId)
            .Set("target.trust.impersonation", r.Impersonation);
        var caller = authz.Enforce(context, rule, target);
        guards.BlockForTrusts(caller);
        return trust;
    }

    /// <summary>The trust as listed: extras, then its columns, then its link.</summary>
    public static JsonObject Render(TrustRow r, HttpContext context)
    {
        var o = ExtraAttributes.Parse(r.Extra);
        o["id"] = r.Id;
        o["trustor_user_id"] = r.TrustorUserId;
        o["trustee_user_id"] = r.TrusteeUserId;
        o["project_id"] = r.ProjectId;
        o["impersonation"] = r.Impersonation;
        o["expires_at"] = r.ExpiresAt is { } e ? ExpirationDates.SecondsWithZeroMicros(e) : null;
        o["remaining_uses"] = r.RemainingUses;
        o["deleted_at"] = r.DeletedAt is { } d ? Timestamps.Iso(d) : null;
        o["redelegated_trust_id"] = r.RedelegatedTrustId;
        o["redelegation_count"] = r.RedelegationCount;
        return o.WithSelfLink(context, "OS-TRUST/trusts/" + r.Id);
    }

    /// <summary>The trust as shown alone: with its roles (full role entities) and roles_links.</summary>
    private static async Task<JsonObject> RenderFullAsync(TrustView trust, DelegatedRoles roles, HttpContext context)
    {
        var roleArray = new JsonArray();
        foreach (var role in await roles.RowsAsync(trust.RoleIds, context.RequestAborted))
            roleArray.Add(DelegatedRoles.RenderWithLink(role, context));
        var o = new JsonObject { ["roles"] = roleArray };
        foreach (var (k, v) in Render(trust.Row, context))
            o[k] = v?.DeepClone();
        var links = o["links"];
        o.Remove("links");
        // Keystone's roles_links.self misses the OS-TRUST/trusts part; kept for fidelity.
        o["roles_links"] = new JsonObject
        {
            ["self"] = KeystoneResponse.BaseUrl(context) + "/v3/" + trust.Row.Id + "/roles",
            ["next"] = null,
            ["previous"] = null,
        };
        o["links"] = links;
        return o;
    }

    /// <summary>Policy targets take scalars (strings, numbers, booleans); other JSON is kept as text.</summary>
    private static object? Scalar(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        null => null,
        _ => node.ToJsonString(),
    };
}
