using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Http;
using SharpStack.Core.Validation;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Policies;
using SharpStack.Placement.Providers;

namespace SharpStack.Placement.Api;

/// <summary>/resource_providers and /resource_providers/{uuid}: thin HTTP over <see cref="ProviderManager"/> and
/// <see cref="ProviderLister"/>.</summary>
public static class ResourceProvidersApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/resource_providers", async (HttpContext context, PlacementAuthorizer authz, ProviderLister lister, ProviderQuery query) =>
        {
            PlacementRequest.RequireJsonAccept(context);
            authz.Enforce(context, PolicyNames.ProvidersList);
            PlacementRequest.ValidateQuery(context, ProviderSchemas.ListQuery(context));
            var q = context.Request.Query;
            var providers = await lister.ListAsync(new ProviderFilter(q["name"].LastOrDefault(),
                q["uuid"].LastOrDefault(), q["in_tree"].LastOrDefault()), context.RequestAborted);
            providers = await query.FilterAsync(context, providers, context.RequestAborted);
            PlacementRequest.LastModified(context, providers.Count == 0 ? null : providers.Max(p => p.UpdatedAt));
            return new JsonBodyResult(new JsonObject { ["resource_providers"] = new JsonArray([.. providers.Select(p => ProviderView.Render(context, p))]) });
        });
        app.MapPost("/resource_providers", async (HttpContext context, PlacementAuthorizer authz, ProviderManager manager) =>
        {
            PlacementRequest.RequireJsonContentType(context);
            authz.Enforce(context, PolicyNames.ProvidersCreate);
            var body = await PlacementRequest.ReadJsonAsync(context, PlacementVersion.AtLeast(context, 14) ? ProviderSchemas.Post114 : ProviderSchemas.Post);
            var provider = await manager.CreateAsync(body["name"]!.GetValue<string>(), body["uuid"]?.GetValue<string>(),
                body["parent_provider_uuid"]?.GetValue<string>(), context.RequestAborted);
            context.Response.Headers.Location = PlacementRequest.Absolute(context, $"/resource_providers/{provider.Uuid}");
            if (!PlacementVersion.AtLeast(context, 20)) return Results.StatusCode(201);
            PlacementRequest.LastModified(context, provider.UpdatedAt, always: true);
            return new JsonBodyResult(ProviderView.Render(context, provider));
        });
        app.MapGet("/resource_providers/{uuid}", async (string uuid, HttpContext context, PlacementAuthorizer authz, ProviderStore store) =>
        {
            PlacementRequest.RequireJsonAccept(context);
            authz.Enforce(context, PolicyNames.ProvidersShow);
            var provider = await store.GetAsync(uuid, context.RequestAborted, tracked: false);
            PlacementRequest.LastModified(context, provider.UpdatedAt);
            return new JsonBodyResult(ProviderView.Render(context, provider));
        });
        app.MapPut("/resource_providers/{uuid}", async (string uuid, HttpContext context, PlacementAuthorizer authz, ProviderStore store, ProviderManager manager) =>
        {
            PlacementRequest.RequireJsonContentType(context);
            authz.Enforce(context, PolicyNames.ProvidersUpdate);
            var provider = await store.GetAsync(uuid, context.RequestAborted);
            var body = (JsonObject)await PlacementRequest.ReadJsonAsync(context, PlacementVersion.AtLeast(context, 14) ? ProviderSchemas.Put114 : ProviderSchemas.Put);
            await manager.UpdateAsync(provider, body["name"]!.GetValue<string>(), body.ContainsKey("parent_provider_uuid"),
                body["parent_provider_uuid"]?.GetValue<string>(), PlacementVersion.AtLeast(context, 37), context.RequestAborted);
            PlacementRequest.LastModified(context, provider.UpdatedAt);
            return new JsonBodyResult(ProviderView.Render(context, provider));
        });
        app.MapDelete("/resource_providers/{uuid}", async (string uuid, HttpContext context, PlacementAuthorizer authz, ProviderManager manager) =>
        {
            authz.Enforce(context, PolicyNames.ProvidersDelete);
            await manager.DeleteAsync(uuid, context.RequestAborted);
            return Results.NoContent();
        });
    }
}

/// <summary>Upstream's resource provider schemas (placement/schemas/resource_provider.py), by microversion.</summary>
internal static class ProviderSchemas
{
    private const string Parent = """, "parent_provider_uuid": {"anyOf": [{"type": "string", "format": "uuid"}, {"type": "null"}]}""";

    public static readonly JsonSchema Post = Parse("""{"type": "object", "properties": {"name": {"type": "string", "maxLength": 200}, "uuid": {"type": "string", "format": "uuid"}}, "required": ["name"], "additionalProperties": false}""");
    public static readonly JsonSchema Post114 = Parse("""{"type": "object", "properties": {"name": {"type": "string", "maxLength": 200}, "uuid": {"type": "string", "format": "uuid"}""" + Parent + """}, "required": ["name"], "additionalProperties": false}""");
    public static readonly JsonSchema Put = Parse("""{"type": "object", "properties": {"name": {"type": "string", "maxLength": 200}}, "required": ["name"], "additionalProperties": false}""");
    public static readonly JsonSchema Put114 = Parse("""{"type": "object", "properties": {"name": {"type": "string", "maxLength": 200}""" + Parent + """}, "required": ["name"], "additionalProperties": false}""");

    private static readonly JsonSchema[] ListQueries =
    [
        ListQuery(""),
        ListQuery(""", "member_of": {"type": "string"}"""),
        ListQuery(""", "member_of": {"type": "string"}, "resources": {"type": "string"}"""),
        ListQuery(""", "member_of": {"type": "string"}, "resources": {"type": "string"}, "in_tree": {"type": "string", "format": "uuid"}"""),
        ListQuery(""", "member_of": {"type": "string"}, "resources": {"type": "string"}, "in_tree": {"type": "string", "format": "uuid"}, "required": {"type": "string"}"""),
    ];

    /// <summary>The query schema of GET /resource_providers at the request's microversion (1.3 member_of, 1.4 resources,
    /// 1.14 in_tree, 1.18 required).</summary>
    public static JsonSchema ListQuery(HttpContext context) =>
        PlacementVersion.AtLeast(context, 18) ? ListQueries[4]
        : PlacementVersion.AtLeast(context, 14) ? ListQueries[3]
        : PlacementVersion.AtLeast(context, 4) ? ListQueries[2]
        : PlacementVersion.AtLeast(context, 3) ? ListQueries[1]
        : ListQueries[0];

    private static JsonSchema ListQuery(string extra) =>
        Parse("""{"type": "object", "properties": {"name": {"type": "string"}, "uuid": {"type": "string", "format": "uuid"}""" + extra + """}, "additionalProperties": false}""");

    private static JsonSchema Parse(string json) => JsonSchema.Parse(json, JsonSchemaOptions.Placement);
}
