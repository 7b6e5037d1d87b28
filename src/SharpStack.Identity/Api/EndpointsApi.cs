using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Auth;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Catalog;
using SharpStack.Identity.Common;
using SharpStack.Identity.Policies;
using SharpStack.Identity.PolicyBlobs;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/endpoints and /v3/endpoints/{id}/OS-ENDPOINT-POLICY/policy: thin HTTP over <see cref="EndpointManager"/>.</summary>
public static class EndpointsApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/endpoints", async (HttpContext context, IdentityAuthorizer authz, EndpointManager endpoints) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListEndpoints, PolicyTargets.FromRoute(context));
            var filter = ListFilter.FromQuery(context, "interface", "service_id", "region_id");
            var rows = await endpoints.ListAsync(context.RequestAborted);
            return KeystoneResponse.Collection(context, "endpoints", rows.Select(r => Render(r, context)).Where(filter.Matches));
        });
        v3.MapGetHead("/endpoints/{endpoint_id}", async (string endpoint_id, HttpContext context, IdentityAuthorizer authz, EndpointManager endpoints) =>
        {
            var row = await MemberAsync(context, authz, endpoints, endpoint_id, IdentityPolicyNames.GetEndpoint);
            return KeystoneResponse.Entity("endpoint", Render(row, context));
        });
        v3.MapPost("/endpoints", async (HttpContext context, IdentityAuthorizer authz, EndpointManager endpoints) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateEndpoint, PolicyTargets.FromRoute(context));
            var endpoint = await KeystoneBody.ReadObjectAsync(context, "endpoint", CatalogSchemas.EndpointCreate);
            var row = await endpoints.CreateAsync(KeystoneBody.Normalize(endpoint), context.RequestAborted);
            return KeystoneResponse.Entity("endpoint", Render(row, context), 201);
        });
        v3.MapPatch("/endpoints/{endpoint_id}", async (string endpoint_id, HttpContext context, IdentityAuthorizer authz, EndpointManager endpoints) =>
        {
            await MemberAsync(context, authz, endpoints, endpoint_id, IdentityPolicyNames.UpdateEndpoint);
            var endpoint = await KeystoneBody.ReadObjectAsync(context, "endpoint", CatalogSchemas.EndpointUpdate);
            KeystoneBody.RequireMatchingId(endpoint, endpoint_id);
            return KeystoneResponse.Entity("endpoint", Render(await endpoints.UpdateAsync(endpoint_id, endpoint, context.RequestAborted), context));
        });
        v3.MapDelete("/endpoints/{endpoint_id}", async (string endpoint_id, HttpContext context, IdentityAuthorizer authz, EndpointManager endpoints) =>
        {
            await MemberAsync(context, authz, endpoints, endpoint_id, IdentityPolicyNames.DeleteEndpoint);
            await endpoints.DeleteAsync(endpoint_id, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapGetHead("/endpoints/{endpoint_id}/OS-ENDPOINT-POLICY/policy",
            async (string endpoint_id, HttpContext context, IdentityAuthorizer authz, EndpointPolicyManager associations) =>
            {
                authz.Enforce(context, IdentityPolicyNames.GetPolicyForEndpoint, PolicyTargets.FromRoute(context));
                var policy = await associations.PolicyForEndpointAsync(endpoint_id, context.RequestAborted);
                // Keystone builds this self link from the endpoints collection and the policy's id.
                return KeystoneResponse.Entity("policy", PoliciesApi.Render(policy, context, "endpoints/" + policy.Id));
            });
    }

    /// <summary>Keystone loads an endpoint for the policy target before enforcing, so an unknown id answers 404 to any
    /// authenticated caller.</summary>
    private static async Task<EndpointRow> MemberAsync(HttpContext context, IdentityAuthorizer authz, EndpointManager endpoints, string id, string rule)
    {
        context.RequireAuth();
        var row = await endpoints.GetAsync(id, context.RequestAborted);
        authz.Enforce(context, rule, PolicyTargets.FromRoute(context).SetJson("target.endpoint", Ref(row)));
        return row;
    }

    /// <summary>The endpoint as Keystone's catalog driver returns it: extra attributes under the columns.</summary>
    public static JsonObject Ref(EndpointRow e)
    {
        var o = ExtraAttributes.Parse(e.Extra);
        o["id"] = e.Id;
        o["interface"] = e.Interface;
        o["region_id"] = e.RegionId;
        o["service_id"] = e.ServiceId;
        o["url"] = e.Url;
        o["enabled"] = e.Enabled;
        return o;
    }

    /// <summary>The endpoint as the endpoint APIs show it: with the legacy "region" (= region_id), unless
    /// <paramref name="withRegion"/> is false (OS-ENDPOINT-POLICY lists show the driver's dict as it is).</summary>
    public static JsonObject Render(EndpointRow e, HttpContext context, bool withRegion = true)
    {
        var o = Ref(e);
        if (withRegion) o["region"] = e.RegionId;
        else o.Remove("region");
        return o.WithSelfLink(context, "endpoints/" + e.Id);
    }
}
