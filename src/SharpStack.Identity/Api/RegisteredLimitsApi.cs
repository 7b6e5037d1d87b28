using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Limits;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/registered_limits: thin HTTP over <see cref="RegisteredLimitManager"/>.</summary>
public static class RegisteredLimitsApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/registered_limits", async (HttpContext context, IdentityAuthorizer authz, RegisteredLimitManager limits) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListRegisteredLimits, PolicyTargets.FromRoute(context));
            var filter = ListFilter.FromQuery(context, "service_id", "region_id", "resource_name");
            var rows = await limits.ListAsync(context.RequestAborted);
            return KeystoneResponse.Collection(context, "registered_limits", rows.Select(r => Render(r, context)).Where(filter.Matches));
        });
        v3.MapGetHead("/registered_limits/{registered_limit_id}", async (string registered_limit_id, HttpContext context, IdentityAuthorizer authz, RegisteredLimitManager limits) =>
        {
            authz.Enforce(context, IdentityPolicyNames.GetRegisteredLimit, PolicyTargets.FromRoute(context));
            return KeystoneResponse.Entity("registered_limit", Render(await limits.GetAsync(registered_limit_id, context.RequestAborted), context));
        });
        v3.MapPost("/registered_limits", async (HttpContext context, IdentityAuthorizer authz, RegisteredLimitManager limits) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateRegisteredLimits, PolicyTargets.FromRoute(context));
            var items = await KeystoneBody.ReadArrayAsync(context, "registered_limits", LimitSchemas.RegisteredLimitCreate);
            var rows = await limits.CreateAsync(items, context.RequestAborted);
            // Keystone's batch answer has no collection links.
            return new SharpStack.Core.Http.JsonBodyResult(new JsonObject
            {
                ["registered_limits"] = new JsonArray(rows.Select(r => (JsonNode)Render(r, context)).ToArray()),
            }, 201);
        });
        v3.MapPatch("/registered_limits/{registered_limit_id}", async (string registered_limit_id, HttpContext context, IdentityAuthorizer authz, RegisteredLimitManager limits) =>
        {
            authz.Enforce(context, IdentityPolicyNames.UpdateRegisteredLimit, PolicyTargets.FromRoute(context));
            var changes = await KeystoneBody.ReadObjectAsync(context, "registered_limit", LimitSchemas.RegisteredLimitUpdate, emptyWhenMissing: true);
            var row = await limits.UpdateAsync(registered_limit_id, changes, context.RequestAborted);
            return KeystoneResponse.Entity("registered_limit", Render(row, context));
        });
        v3.MapDelete("/registered_limits/{registered_limit_id}", async (string registered_limit_id, HttpContext context, IdentityAuthorizer authz, RegisteredLimitManager limits) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteRegisteredLimit, PolicyTargets.FromRoute(context));
            await limits.DeleteAsync(registered_limit_id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    public static JsonObject Render(RegisteredLimitRow r, HttpContext context) => new JsonObject
    {
        ["id"] = r.Id,
        ["service_id"] = r.ServiceId,
        ["region_id"] = r.RegionId,
        ["resource_name"] = r.ResourceName,
        ["default_limit"] = r.DefaultLimit,
        ["description"] = r.Description,
    }.WithSelfLink(context, "registered_limits/" + r.Id);
}
