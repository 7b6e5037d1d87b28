using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Compute.Api.Http;
using SharpStack.Compute.Flavors;
using SharpStack.Compute.Policies;
using SharpStack.Compute.Storage.Entities;
using SharpStack.Core.Auth;
using SharpStack.Core.Auth.Remote;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Core.Microversions;

namespace SharpStack.Compute.Api;

/// <summary>GET /flavors/{id}/os-flavor-access and the addTenantAccess/removeTenantAccess actions.</summary>
public static class FlavorAccessApi
{
    public static void Map(RouteGroupBuilder v21)
    {
        v21.MapGet("/flavors/{id}/os-flavor-access", async (string id, HttpContext context, ComputeAuthorizer authz, FlavorStore store) =>
        {
            authz.Enforce(context, FlavorPolicies.Access);
            var flavor = await store.GetAsync(id, FlavorsApi.Caller(context, authz).Flavor, context.RequestAborted);
            if (flavor.IsPublic) throw ApiException.NotFound("Access list not available for public flavors.");
            return await AccessListAsync(store, flavor, context);
        });
        v21.MapPost("/flavors/{id}/action", async (string id, HttpContext context, ComputeAuthorizer authz, FlavorStore store, FlavorManager flavors, IdentityClient identity) =>
        {
            var body = await ComputeRequest.ReadBodyAsync(context);
            var action = body is JsonObject o && o.Count > 0 ? o.First().Key : null;
            switch (action)
            {
                case "addTenantAccess":
                {
                    ComputeRequest.Validate(FlavorSchemas.AddTenantAccess, body);
                    authz.Enforce(context, FlavorPolicies.AddTenantAccess);
                    var tenant = body!["addTenantAccess"]!["tenant"]!.GetValue<string>();
                    await VerifyProjectAsync(identity, context.RequireAuth(), tenant, context.RequestAborted);
                    var flavor = await store.GetAsync(id, FlavorsApi.Caller(context, authz).Flavor, context.RequestAborted);
                    if (context.Microversion() >= new Microversion(2, 7) && flavor.IsPublic)
                        throw ApiException.Conflict("Can not add access to a public flavor.");
                    await flavors.AddAccessAsync(flavor, tenant, context.RequestAborted);
                    return await AccessListAsync(store, flavor, context);
                }
                case "removeTenantAccess":
                {
                    ComputeRequest.Validate(FlavorSchemas.RemoveTenantAccess, body);
                    authz.Enforce(context, FlavorPolicies.RemoveTenantAccess);
                    var tenant = body!["removeTenantAccess"]!["tenant"]!.GetValue<string>();
                    // A project that no longer exists may still be removed.
                    var flavor = await store.GetAsync(id, FlavorsApi.Caller(context, authz).Flavor, context.RequestAborted);
                    await flavors.RemoveAccessAsync(flavor, tenant, context.RequestAborted);
                    return await AccessListAsync(store, flavor, context);
                }
                default:
                    throw ApiException.BadRequest($"There is no such action: {action ?? "None"}");
            }
        });
    }

    private static async Task<IResult> AccessListAsync(FlavorStore store, FlavorRow flavor, HttpContext context)
    {
        var list = new JsonArray();
        foreach (var project in await store.ProjectsAsync(flavor.Id, context.RequestAborted))
            list.Add(new JsonObject { ["flavor_id"] = flavor.FlavorId, ["tenant_id"] = project });
        return new JsonBodyResult(new JsonObject { ["flavor_access"] = list }, 200);
    }

    /// <summary>Nova's identity.verify_project_id: asks Identity with the caller's token; only a 404 refuses.</summary>
    private static async Task VerifyProjectAsync(IdentityClient identity, AuthContext caller, string projectId, CancellationToken ct)
    {
        if (caller.Token is null) return;
        if (await identity.ProjectStatusAsync(caller.Token, projectId, ct) == HttpStatusCode.NotFound)
            throw ApiException.BadRequest($"Project ID {projectId} is not a valid project.");
    }
}
