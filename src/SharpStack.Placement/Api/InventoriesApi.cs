using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Core.Validation;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Inventories;
using SharpStack.Placement.Policies;
using SharpStack.Placement.Providers;
using SharpStack.Placement.Storage.Entities;

namespace SharpStack.Placement.Api;

/// <summary>/resource_providers/{uuid}/inventories[/{resource_class}]: thin HTTP over <see cref="InventoryManager"/>.</summary>
public static class InventoriesApi
{
    private const string Path = "/resource_providers/{uuid}/inventories";

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, async (string uuid, HttpContext context, PlacementAuthorizer authz, ProviderStore store, InventoryManager inventories) =>
        {
            PlacementRequest.RequireJsonAccept(context);
            authz.Enforce(context, PolicyNames.InventoriesList);
            var provider = await store.GetAsync(uuid, context.RequestAborted, NotFound(uuid, " : "), tracked: false);
            var list = await inventories.ListAsync(provider, context.RequestAborted);
            return All(context, provider, list);
        });
        app.MapPost(Path, async (string uuid, HttpContext context, PlacementAuthorizer authz, ProviderStore store, InventoryManager inventories) =>
        {
            PlacementRequest.RequireJsonContentType(context);
            authz.Enforce(context, PolicyNames.InventoriesCreate);
            var provider = await store.GetAsync(uuid, context.RequestAborted);
            var body = await PlacementRequest.ReadJsonAsync(context, InventorySchemas.Post);
            var className = body["resource_class"]!.GetValue<string>();
            var row = await inventories.CreateAsync(provider, className, InventoryRecord.From(body), ZeroAllowed(context), context.RequestAborted);
            context.Response.Headers.Location = PlacementRequest.Absolute(context, $"/resource_providers/{provider.Uuid}/inventories/{className}");
            return One(context, provider, row, 201);
        });
        app.MapPut(Path, async (string uuid, HttpContext context, PlacementAuthorizer authz, ProviderStore store, InventoryManager inventories) =>
        {
            PlacementRequest.RequireJsonContentType(context);
            authz.Enforce(context, PolicyNames.InventoriesUpdate);
            var provider = await store.GetAsync(uuid, context.RequestAborted);
            var body = await PlacementRequest.ReadJsonAsync(context, InventorySchemas.PutAll);
            var records = body["inventories"]!.AsObject().Select(kv => (kv.Key, InventoryRecord.From(kv.Value!))).ToList();
            await inventories.ReplaceAllAsync(provider, SentGeneration.Read(body["resource_provider_generation"]), records, ZeroAllowed(context), context.RequestAborted);
            return All(context, provider, await inventories.ListAsync(provider, context.RequestAborted));
        });
        app.MapDelete(Path, async (string uuid, HttpContext context, PlacementAuthorizer authz, ProviderStore store, InventoryManager inventories) =>
        {
            // Deleting every inventory at once came with 1.5; before, the method is not allowed here.
            if (!PlacementVersion.AtLeast(context, 5)) throw new ApiException(405, "");
            authz.Enforce(context, PolicyNames.InventoriesDelete);
            var provider = await store.GetAsync(uuid, context.RequestAborted);
            await inventories.DeleteAllAsync(provider, context.RequestAborted);
            return Results.NoContent();
        });
        app.MapGet(Path + "/{resource_class}", async (string uuid, string resource_class, HttpContext context, PlacementAuthorizer authz, ProviderStore store, InventoryManager inventories) =>
        {
            PlacementRequest.RequireJsonAccept(context);
            authz.Enforce(context, PolicyNames.InventoriesShow);
            var provider = await store.GetAsync(uuid, context.RequestAborted, NotFound(uuid, " : "), tracked: false);
            var row = await inventories.FindAsync(provider, resource_class, context.RequestAborted)
                ?? throw ApiException.NotFound($"No inventory of class {resource_class} for {uuid}");
            return One(context, provider, row, 200);
        });
        app.MapPut(Path + "/{resource_class}", async (string uuid, string resource_class, HttpContext context, PlacementAuthorizer authz, ProviderStore store, InventoryManager inventories) =>
        {
            PlacementRequest.RequireJsonContentType(context);
            authz.Enforce(context, PolicyNames.InventoriesUpdate);
            var provider = await store.GetAsync(uuid, context.RequestAborted);
            var body = await PlacementRequest.ReadJsonAsync(context, InventorySchemas.PutOne);
            var row = await inventories.UpdateAsync(provider, resource_class, SentGeneration.Read(body["resource_provider_generation"]),
                InventoryRecord.From(body), ZeroAllowed(context), context.RequestAborted);
            return One(context, provider, row, 200);
        });
        app.MapDelete(Path + "/{resource_class}", async (string uuid, string resource_class, HttpContext context, PlacementAuthorizer authz, ProviderStore store, InventoryManager inventories) =>
        {
            authz.Enforce(context, PolicyNames.InventoriesDelete);
            var provider = await store.GetAsync(uuid, context.RequestAborted);
            await inventories.DeleteAsync(provider, resource_class, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>From 1.26 an inventory may have no free capacity at all (reserved equal to total).</summary>
    private static bool ZeroAllowed(HttpContext context) => PlacementVersion.AtLeast(context, 26);

    private static string NotFound(string uuid, string separator) =>
        $"{ProviderStore.NotFoundMessage(uuid)}{separator}{ProviderStore.NotFoundMessage(uuid)}";

    private static IResult All(HttpContext context, ResourceProviderRow provider, List<(string Class, InventoryRow Row)> list)
    {
        var body = new JsonObject();
        foreach (var (name, row) in list) body[name] = InventoryView.Render(row);
        if (list.Count > 0) PlacementRequest.LastModified(context, list.Max(i => i.Row.UpdatedAt));
        else if (PlacementVersion.AtLeast(context, 15)) context.Response.Headers.CacheControl = "no-cache";
        return new JsonBodyResult(new JsonObject { ["resource_provider_generation"] = provider.Generation, ["inventories"] = body });
    }

    private static IResult One(HttpContext context, ResourceProviderRow provider, InventoryRow row, int status)
    {
        var body = InventoryView.Render(row);
        body["resource_provider_generation"] = provider.Generation;
        PlacementRequest.LastModified(context, row.UpdatedAt);
        return new JsonBodyResult(body, status);
    }
}

/// <summary>Upstream's inventory schemas (placement/schemas/inventory.py).</summary>
internal static class InventorySchemas
{
    private const string Fields = """
        "total": {"type": "integer", "maximum": 2147483647, "minimum": 1},
        "reserved": {"type": "integer", "maximum": 2147483647, "minimum": 0},
        "min_unit": {"type": "integer", "maximum": 2147483647, "minimum": 1},
        "max_unit": {"type": "integer", "maximum": 2147483647, "minimum": 1},
        "step_size": {"type": "integer", "maximum": 2147483647, "minimum": 1},
        "allocation_ratio": {"type": "number", "maximum": 3.40282e+38}
        """;

    private const string Record = """{"type": "object", "properties": {"resource_provider_generation": {"type": "integer"}, """ + Fields + """}, "required": ["total"], "additionalProperties": false}""";

    public static readonly JsonSchema PutOne = Parse("""{"type": "object", "properties": {"resource_provider_generation": {"type": "integer"}, """ + Fields + """}, "required": ["total", "resource_provider_generation"], "additionalProperties": false}""");

    public static readonly JsonSchema Post = Parse("""{"type": "object", "properties": {"resource_provider_generation": {"type": "integer"}, """ + Fields + """, "resource_class": {"type": "string", "pattern": "^[A-Z0-9_]+$"}}, "required": ["total", "resource_class"], "additionalProperties": false}""");

    public static readonly JsonSchema PutAll = Parse("""{"type": "object", "properties": {"resource_provider_generation": {"type": "integer"}, "inventories": {"type": "object", "patternProperties": {"^[A-Z0-9_]+$": """ + Record + """}}}, "required": ["resource_provider_generation", "inventories"], "additionalProperties": false}""");

    private static JsonSchema Parse(string json) => JsonSchema.Parse(json, JsonSchemaOptions.Placement);
}
