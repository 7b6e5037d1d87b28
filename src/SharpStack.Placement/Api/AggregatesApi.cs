using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Http;
using SharpStack.Core.Validation;
using SharpStack.Placement.Aggregates;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Policies;
using SharpStack.Placement.Providers;
using SharpStack.Placement.Storage.Entities;
using SharpStack.Placement.Traits;

namespace SharpStack.Placement.Api;

/// <summary>/resource_providers/{uuid}/aggregates (1.1+): thin HTTP over <see cref="AggregateManager"/>. Here upstream
/// checks Accept/Content-Type before the microversion; 1.19 adds the provider generation to both directions.</summary>
public static class AggregatesApi
{
    private const string Path = "/resource_providers/{uuid}/aggregates";
    private const int Introduced = 1;
    private const int WithGeneration = 19;

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, async (string uuid, HttpContext context, PlacementAuthorizer authz, ProviderStore store, AggregateManager aggregates) =>
        {
            PlacementRequest.RequireJsonAccept(context);
            PlacementVersion.Require(context, Introduced);
            authz.Enforce(context, PolicyNames.AggregatesList);
            var provider = await store.GetAsync(uuid, context.RequestAborted, tracked: false);
            var list = await aggregates.ListAsync(provider, context.RequestAborted);
            return Render(context, provider, list);
        });
        app.MapPut(Path, async (string uuid, HttpContext context, PlacementAuthorizer authz, ProviderStore store, AggregateManager aggregates) =>
        {
            PlacementRequest.RequireJsonContentType(context);
            PlacementVersion.Require(context, Introduced);
            authz.Enforce(context, PolicyNames.AggregatesUpdate);
            var provider = await store.GetAsync(uuid, context.RequestAborted);
            var withGeneration = PlacementVersion.AtLeast(context, WithGeneration);
            var body = await PlacementRequest.ReadJsonAsync(context, withGeneration ? AggregateSchemas.Put119 : AggregateSchemas.Put);
            var list = (withGeneration ? body["aggregates"]! : body).AsArray().Select(n => n!.GetValue<string>()).ToList();
            int? generation = withGeneration ? SentGeneration.Read(body["resource_provider_generation"]) : null;
            await aggregates.ReplaceAsync(provider, generation, list, context.RequestAborted);
            // The answer echoes the list as sent (order kept), with the new generation from 1.19.
            return Render(context, provider, list);
        });
    }

    /// <summary>{"aggregates": […]} (+ generation from 1.19). Associations carry no timestamps, so Last-Modified is now.</summary>
    private static JsonBodyResult Render(HttpContext context, ResourceProviderRow provider, List<string> uuids)
    {
        var body = new JsonObject { ["aggregates"] = new JsonArray([.. uuids.Select(u => (JsonNode)u)]) };
        if (PlacementVersion.AtLeast(context, WithGeneration)) body["resource_provider_generation"] = provider.Generation;
        PlacementRequest.LastModified(context, null);
        return new JsonBodyResult(body);
    }
}

/// <summary>Upstream's aggregate schemas (placement/schemas/aggregate.py): a bare list before 1.19, an object after.</summary>
internal static class AggregateSchemas
{
    private const string List = """{"type": "array", "items": {"type": "string", "format": "uuid"}, "uniqueItems": true}""";

    public static readonly JsonSchema Put = JsonSchema.Parse(List, JsonSchemaOptions.Placement);

    public static readonly JsonSchema Put119 = JsonSchema.Parse(
        """{"type": "object", "properties": {"aggregates": """ + List + """, "resource_provider_generation": {"type": "integer"}}, "required": ["aggregates", "resource_provider_generation"], "additionalProperties": false}""",
        JsonSchemaOptions.Placement);
}
