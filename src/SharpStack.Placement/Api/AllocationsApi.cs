using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Http;
using SharpStack.Placement.Allocations;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Policies;
using SharpStack.Placement.Providers;

namespace SharpStack.Placement.Api;

/// <summary>Allocations: GET/PUT/DELETE /allocations/{consumer_uuid}, POST /allocations (1.13) and
/// GET /resource_providers/{uuid}/allocations.</summary>
public static class AllocationsApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/allocations/{consumer_uuid}", async (HttpContext context, string consumer_uuid, PlacementAuthorizer authz, AllocationReader reader) =>
        {
            PlacementRequest.RequireJsonAccept(context);
            authz.Enforce(context, PolicyNames.AllocationsList);
            // No validation: any text is looked up as is, and an unknown consumer simply has no allocations.
            var (body, newest) = await reader.ForConsumerAsync(consumer_uuid, Minor(context), context.RequestAborted);
            PlacementRequest.LastModified(context, newest);
            return new JsonBodyResult(body);
        });

        app.MapPut("/allocations/{consumer_uuid}", async (HttpContext context, string consumer_uuid, PlacementAuthorizer authz, AllocationWriter writer) =>
        {
            PlacementRequest.RequireJsonContentType(context);
            authz.Enforce(context, PolicyNames.AllocationsUpdate);
            var uuid = ConsumerUuid.Normalize(consumer_uuid) ?? throw PlacementErrors.BadRequest($"Malformed consumer_uuid: {consumer_uuid}");
            var minor = Minor(context);
            var body = (await PlacementRequest.ReadJsonAsync(context, AllocationSchemas.ForPut(minor))).AsObject();
            var request = minor >= 12 ? ConsumerAllocations.FromDict(uuid, body, minor) : ConsumerAllocations.FromList(uuid, body);
            try
            {
                await writer.WriteAsync([request], minor, context.RequestAborted);
            }
            catch (AllocationFailure f)
            {
                throw AllocationErrors.ForPut(f, uuid);
            }
            return Results.NoContent();
        });

        app.MapPost("/allocations", async (HttpContext context, PlacementAuthorizer authz, AllocationWriter writer) =>
        {
            PlacementVersion.Require(context, 13);
            PlacementRequest.RequireJsonContentType(context);
            authz.Enforce(context, PolicyNames.AllocationsManage);
            var minor = Minor(context);
            var body = (await PlacementRequest.ReadJsonAsync(context, AllocationSchemas.ForPost(minor))).AsObject();
            // Consumer keys are used as given (not normalised), in body order.
            var request = body.Select(kv => ConsumerAllocations.FromDict(kv.Key, kv.Value!.AsObject(), minor)).ToList();
            try
            {
                await writer.WriteAsync(request, minor, context.RequestAborted);
            }
            catch (AllocationFailure f)
            {
                throw AllocationErrors.ForPost(f);
            }
            return Results.NoContent();
        });

        app.MapDelete("/allocations/{consumer_uuid}", async (HttpContext context, string consumer_uuid, PlacementAuthorizer authz, AllocationDeleter deleter) =>
        {
            authz.Enforce(context, PolicyNames.AllocationsDelete);
            await deleter.DeleteAsync(consumer_uuid, context.RequestAborted);
            return Results.NoContent();
        });

        app.MapGet("/resource_providers/{uuid}/allocations", async (HttpContext context, string uuid, PlacementAuthorizer authz, ProviderStore providers, AllocationReader reader) =>
        {
            PlacementRequest.RequireJsonAccept(context);
            authz.Enforce(context, PolicyNames.ProviderAllocationsList);
            var provider = await providers.GetAsync(uuid, context.RequestAborted,
                $"Resource provider '{uuid}' not found: {ProviderStore.NotFoundMessage(uuid)}", tracked: false);
            var (body, newest) = await reader.ForProviderAsync(provider, Minor(context), context.RequestAborted);
            PlacementRequest.LastModified(context, newest);
            return new JsonBodyResult(body);
        });
    }

    private static int Minor(HttpContext context) => PlacementVersion.Of(context).Minor;
}
