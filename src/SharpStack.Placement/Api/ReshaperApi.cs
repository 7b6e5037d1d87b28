using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Placement.Allocations;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Policies;
using SharpStack.Placement.Reshaper;

namespace SharpStack.Placement.Api;

/// <summary>POST /reshaper (1.30): inventory and allocations moved in one step.</summary>
public static class ReshaperApi
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/reshaper", async (HttpContext context, PlacementAuthorizer authz, ReshapeService reshaper) =>
        {
            PlacementVersion.Require(context, 30);
            PlacementRequest.RequireJsonContentType(context);
            authz.Enforce(context, PolicyNames.Reshape);
            var minor = PlacementVersion.Of(context).Minor;
            var body = (await PlacementRequest.ReadJsonAsync(context, ReshaperSchemas.For(minor))).AsObject();
            var inventories = body["inventories"]!.AsObject().Select(kv => new ProviderInventories(
                kv.Key,
                ConsumerAllocations.Amount(kv.Value!["resource_provider_generation"]!),
                kv.Value!["inventories"]!.AsObject().Select(r => InventoryRecord.From(r.Key, r.Value!.AsObject())).ToList())).ToList();
            var allocations = body["allocations"]!.AsObject()
                .Select(kv => ConsumerAllocations.FromDict(kv.Key, kv.Value!.AsObject(), minor)).ToList();
            await reshaper.ReshapeAsync(inventories, allocations, minor, context.RequestAborted);
            return Results.NoContent();
        });
    }
}
