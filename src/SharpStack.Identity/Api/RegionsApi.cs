using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Catalog;
using SharpStack.Identity.Common;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/regions: thin HTTP over <see cref="RegionManager"/>.</summary>
public static class RegionsApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/regions", async (HttpContext context, IdentityAuthorizer authz, RegionManager regions) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListRegions);
            var filter = ListFilter.FromQuery(context, "parent_region_id");
            var rows = await regions.ListAsync(context.RequestAborted);
            return KeystoneResponse.Collection(context, "regions", rows.Select(r => Render(r, context)).Where(filter.Matches));
        });
        v3.MapGetHead("/regions/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, RegionManager regions) =>
        {
            authz.Enforce(context, IdentityPolicyNames.GetRegion);
            return KeystoneResponse.Entity("region", Render(await regions.GetAsync(id, context.RequestAborted), context));
        });
        v3.MapPost("/regions", async (HttpContext context, IdentityAuthorizer authz, RegionManager regions) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateRegion);
            var region = await KeystoneBody.ReadObjectAsync(context, "region", CatalogSchemas.RegionCreate);
            return KeystoneResponse.Entity("region", Render(await regions.CreateAsync(region, context.RequestAborted), context), 201);
        });
        v3.MapPut("/regions/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, RegionManager regions) =>
        {
            authz.Enforce(context, IdentityPolicyNames.CreateRegion);
            var region = await KeystoneBody.ReadObjectAsync(context, "region", CatalogSchemas.RegionCreate);
            if (region["id"] is { } given && given.GetValue<string>() != id)
                throw ApiException.BadRequest($"Conflicting region IDs specified: \"{id}\" != \"{given.GetValue<string>()}\"");
            region["id"] = id;
            return KeystoneResponse.Entity("region", Render(await regions.CreateAsync(region, context.RequestAborted), context), 201);
        });
        v3.MapPatch("/regions/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, RegionManager regions) =>
        {
            authz.Enforce(context, IdentityPolicyNames.UpdateRegion);
            var region = await KeystoneBody.ReadObjectAsync(context, "region", CatalogSchemas.RegionUpdate);
            if (region["id"] is { } given && given.GetValue<string>() != id)
                throw ApiException.BadRequest("Cannot change ID");
            return KeystoneResponse.Entity("region", Render(await regions.UpdateAsync(id, region, context.RequestAborted), context));
        });
        v3.MapDelete("/regions/{id}", async (string id, HttpContext context, IdentityAuthorizer authz, RegionManager regions) =>
        {
            authz.Enforce(context, IdentityPolicyNames.DeleteRegion);
            await regions.DeleteAsync(id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    public static JsonObject Render(RegionRow r, HttpContext context)
    {
        var o = new JsonObject
        {
            ["id"] = r.Id,
            ["description"] = r.Description,
            ["parent_region_id"] = r.ParentRegionId,
        };
        ExtraAttributes.MergeInto(o, r.Extra);
        return o.WithSelfLink(context, "regions/" + r.Id);
    }
}
