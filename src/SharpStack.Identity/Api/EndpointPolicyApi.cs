using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Policies;
using SharpStack.Identity.PolicyBlobs;

namespace SharpStack.Identity.Api;

/// <summary>/v3/policies/{policy_id}/OS-ENDPOINT-POLICY/…: thin HTTP over <see cref="EndpointPolicyManager"/>.</summary>
public static class EndpointPolicyApi
{
    private const string Prefix = "/policies/{policy_id}/OS-ENDPOINT-POLICY";

    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead(Prefix + "/endpoints", async (string policy_id, HttpContext context, IdentityAuthorizer authz, EndpointPolicyManager associations) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListEndpointsForPolicy, PolicyTargets.FromRoute(context));
            var endpoints = await associations.EndpointsForPolicyAsync(policy_id, context.RequestAborted);
            return KeystoneResponse.Collection(context, "endpoints", endpoints.Select(e => EndpointsApi.Render(e, context, withRegion: false)));
        });
        MapAssociation(v3, Prefix + "/endpoints/{endpoint_id}",
            r => new AssociationTarget(r["endpoint_id"], null, null),
            IdentityPolicyNames.CheckPolicyAssociationForEndpoint,
            IdentityPolicyNames.CreatePolicyAssociationForEndpoint,
            IdentityPolicyNames.DeletePolicyAssociationForEndpoint);
        MapAssociation(v3, Prefix + "/services/{service_id}",
            r => new AssociationTarget(null, r["service_id"], null),
            IdentityPolicyNames.CheckPolicyAssociationForService,
            IdentityPolicyNames.CreatePolicyAssociationForService,
            IdentityPolicyNames.DeletePolicyAssociationForService);
        MapAssociation(v3, Prefix + "/services/{service_id}/regions/{region_id}",
            r => new AssociationTarget(null, r["service_id"], r["region_id"]),
            IdentityPolicyNames.CheckPolicyAssociationForRegionAndService,
            IdentityPolicyNames.CreatePolicyAssociationForRegionAndService,
            IdentityPolicyNames.DeletePolicyAssociationForRegionAndService);
    }

    private static void MapAssociation(RouteGroupBuilder v3, string pattern, Func<IReadOnlyDictionary<string, string>, AssociationTarget> targetOf,
        string checkRule, string createRule, string deleteRule)
    {
        static (string PolicyId, AssociationTarget Target) Parse(HttpContext context, Func<IReadOnlyDictionary<string, string>, AssociationTarget> targetOf)
        {
            var values = context.Request.RouteValues.Where(v => v.Value is string).ToDictionary(v => v.Key, v => (string)v.Value!);
            return (values["policy_id"], targetOf(values));
        }

        v3.MapGetHead(pattern, async (HttpContext context, IdentityAuthorizer authz, EndpointPolicyManager associations) =>
        {
            authz.Enforce(context, checkRule, PolicyTargets.FromRoute(context));
            var (policyId, target) = Parse(context, targetOf);
            await associations.CheckAsync(policyId, target, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapPut(pattern, async (HttpContext context, IdentityAuthorizer authz, EndpointPolicyManager associations) =>
        {
            authz.Enforce(context, createRule, PolicyTargets.FromRoute(context));
            var (policyId, target) = Parse(context, targetOf);
            await associations.AssociateAsync(policyId, target, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapDelete(pattern, async (HttpContext context, IdentityAuthorizer authz, EndpointPolicyManager associations) =>
        {
            authz.Enforce(context, deleteRule, PolicyTargets.FromRoute(context));
            var (policyId, target) = Parse(context, targetOf);
            await associations.DissociateAsync(policyId, target, context.RequestAborted);
            return Results.NoContent();
        });
    }
}
