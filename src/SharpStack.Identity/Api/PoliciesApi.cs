using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Policies;
using SharpStack.Identity.PolicyBlobs;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/policies (policy blobs): thin HTTP over <see cref="PolicyManager"/>.</summary>
public static class PoliciesApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/policies", async (HttpContext context, IdentityAuthorizer authz, PolicyManager policies) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListPolicies, PolicyTargets.FromRoute(context));
            var filter = ListFilter.FromQuery(context, "type");
            var rows = await policies.ListAsync(context.RequestAborted);
            return KeystoneResponse.Collection(context, "policies", rows.Select(r => Render(r, context)).Where(filter.Matches));
        });
        v3.MapGetHead("/policies/{policy_id}", async (string policy_id, HttpContext context, IdentityAuthorizer authz, PolicyManager policies) =>
        {
            authz.Enforce(context, IdentityPolicyNames.GetPolicy, PolicyTargets.FromRoute(context));
            return KeystoneResponse.Entity("policy", Render(await policies.GetAsync(policy_id, context.RequestAborted), context));
        });
        v3.MapPost("/policies", async (HttpContext context, IdentityAuthorizer authz, PolicyManager policies) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreatePolicy, PolicyTargets.FromRoute(context));
            var policy = await KeystoneBody.ReadObjectAsync(context, "policy", PolicySchemas.Create, emptyWhenMissing: true);
            var row = await policies.CreateAsync(KeystoneBody.Normalize(policy), context.RequestAborted);
            return KeystoneResponse.Entity("policy", Render(row, context), 201);
        });
        v3.MapPatch("/policies/{policy_id}", async (string policy_id, HttpContext context, IdentityAuthorizer authz, PolicyManager policies) =>
        {
            authz.Enforce(context, IdentityPolicyNames.UpdatePolicy, PolicyTargets.FromRoute(context));
            var policy = await KeystoneBody.ReadObjectAsync(context, "policy", PolicySchemas.Update, emptyWhenMissing: true);
            return KeystoneResponse.Entity("policy", Render(await policies.UpdateAsync(policy_id, policy, context.RequestAborted), context));
        });
        v3.MapDelete("/policies/{policy_id}", async (string policy_id, HttpContext context, IdentityAuthorizer authz, PolicyManager policies) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeletePolicy, PolicyTargets.FromRoute(context));
            await policies.DeleteAsync(policy_id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Keystone's policy dict: extra attributes under id, blob and type.</summary>
    public static JsonObject Render(PolicyRow p, HttpContext context, string? selfPath = null)
    {
        var o = ExtraAttributes.Parse(p.Extra);
        o["id"] = p.Id;
        o["blob"] = PolicyManager.DecodeBlob(p.Blob);
        o["type"] = p.Type;
        return o.WithSelfLink(context, selfPath ?? "policies/" + p.Id);
    }
}
