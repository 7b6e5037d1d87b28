using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Core.Validation;
using SharpStack.Placement.Api.Http;
using SharpStack.Placement.Policies;
using SharpStack.Placement.Providers;
using SharpStack.Placement.Storage.Entities;
using SharpStack.Placement.Traits;

namespace SharpStack.Placement.Api;

/// <summary>/traits, /traits/{name} and /resource_providers/{uuid}/traits (1.6+): thin HTTP over
/// <see cref="TraitManager"/> and <see cref="ProviderTraitManager"/>.</summary>
public static class TraitsApi
{
    private const int Introduced = 6;
    private const string ProviderPath = "/resource_providers/{uuid}/traits";

    public static void Map(WebApplication app)
    {
        app.MapGet("/traits", async (HttpContext context, PlacementAuthorizer authz, TraitManager traits) =>
        {
            PlacementVersion.Require(context, Introduced);
            PlacementRequest.RequireJsonAccept(context);
            authz.Enforce(context, PolicyNames.TraitsList);
            PlacementRequest.ValidateQuery(context, TraitSchemas.ListQuery);
            var q = context.Request.Query;
            var filter = TraitFilter.Parse(q.ContainsKey("name") ? q["name"][^1] : null, q.ContainsKey("associated") ? q["associated"][^1] : null);
            var rows = await traits.ListAsync(filter, context.RequestAborted);
            return TraitList(context, rows, null);
        });
        app.MapGet("/traits/{name}", async (string name, HttpContext context, PlacementAuthorizer authz, TraitManager traits) =>
        {
            PlacementVersion.Require(context, Introduced);
            authz.Enforce(context, PolicyNames.TraitsShow);
            var row = await traits.GetAsync(name, context.RequestAborted);
            PlacementRequest.LastModified(context, row.CreatedAt);
            return Results.NoContent();
        });
        app.MapPut("/traits/{name}", async (string name, HttpContext context, PlacementAuthorizer authz, TraitManager traits) =>
        {
            PlacementVersion.Require(context, Introduced);
            authz.Enforce(context, PolicyNames.TraitsUpdate);
            if (!TraitSchemas.CustomTrait.IsValid(JsonValue.Create(name)))
                throw ApiException.BadRequest("The trait is invalid. A valid trait must be no longer than 255 characters, start with the prefix " +
                    "\"CUSTOM_\" and use following characters: \"A\"-\"Z\", \"0\"-\"9\" and \"_\"");
            var (row, created) = await traits.EnsureAsync(name, context.RequestAborted);
            context.Response.Headers.Location = PlacementRequest.Absolute(context, $"/traits/{row.Name}");
            // Unlike other bodiless answers, this one carries Last-Modified (the trait's creation) from 1.15.
            PlacementRequest.LastModified(context, row.CreatedAt);
            return created ? Results.StatusCode(201) : Results.NoContent();
        });
        app.MapDelete("/traits/{name}", async (string name, HttpContext context, PlacementAuthorizer authz, TraitManager traits) =>
        {
            PlacementVersion.Require(context, Introduced);
            authz.Enforce(context, PolicyNames.TraitsDelete);
            await traits.DeleteAsync(name, context.RequestAborted);
            return Results.NoContent();
        });

        app.MapGet(ProviderPath, async (string uuid, HttpContext context, PlacementAuthorizer authz, ProviderStore store, ProviderTraitManager providerTraits) =>
        {
            PlacementVersion.Require(context, Introduced);
            PlacementRequest.RequireJsonAccept(context);
            authz.Enforce(context, PolicyNames.ProviderTraitsList);
            var message = ProviderStore.NotFoundMessage(uuid);
            var provider = await store.GetAsync(uuid, context.RequestAborted, $"{message}: {message}", tracked: false);
            var rows = await providerTraits.ListAsync(provider, context.RequestAborted);
            return TraitList(context, rows, provider.Generation);
        });
        app.MapPut(ProviderPath, async (string uuid, HttpContext context, PlacementAuthorizer authz, ProviderStore store, ProviderTraitManager providerTraits) =>
        {
            PlacementVersion.Require(context, Introduced);
            PlacementRequest.RequireJsonContentType(context);
            authz.Enforce(context, PolicyNames.ProviderTraitsUpdate);
            // Upstream reads the body before looking the provider up.
            var body = await PlacementRequest.ReadJsonAsync(context, TraitSchemas.SetProviderTraits);
            var provider = await store.GetAsync(uuid, context.RequestAborted);
            var names = body["traits"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
            var rows = await providerTraits.ReplaceAsync(provider, SentGeneration.Read(body["resource_provider_generation"]), names, context.RequestAborted);
            return TraitList(context, rows, provider.Generation);
        });
        app.MapDelete(ProviderPath, async (string uuid, HttpContext context, PlacementAuthorizer authz, ProviderStore store, ProviderTraitManager providerTraits) =>
        {
            PlacementVersion.Require(context, Introduced);
            authz.Enforce(context, PolicyNames.ProviderTraitsDelete);
            var provider = await store.GetAsync(uuid, context.RequestAborted);
            await providerTraits.ClearAsync(provider, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>{"traits": [names]} (+ the provider's generation); Last-Modified (1.15+) is the newest trait shown, or now.</summary>
    private static JsonBodyResult TraitList(HttpContext context, List<TraitRow> rows, int? generation)
    {
        PlacementRequest.LastModified(context, rows.Count == 0 ? null : rows.Max(r => r.UpdatedAt));
        var body = new JsonObject { ["traits"] = new JsonArray([.. rows.Select(r => (JsonNode)r.Name)]) };
        if (generation is { } g) body["resource_provider_generation"] = g;
        return new JsonBodyResult(body);
    }
}

/// <summary>Upstream's trait schemas (placement/schemas/trait.py).</summary>
internal static class TraitSchemas
{
    private const string Trait = """{"type": "string", "minLength": 1, "maxLength": 255}""";

    public static readonly JsonSchema CustomTrait = Parse("""{"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^CUSTOM_[A-Z0-9_]+$"}""");

    public static readonly JsonSchema SetProviderTraits = Parse("""{"type": "object", "properties": {"traits": {"type": "array", "items": """ + Trait +
        """}, "resource_provider_generation": {"type": "integer"}}, "required": ["traits", "resource_provider_generation"], "additionalProperties": false}""");

    public static readonly JsonSchema ListQuery = Parse("""{"type": "object", "properties": {"name": {"type": "string"}, "associated": {"type": "string"}}, "additionalProperties": false}""");

    private static JsonSchema Parse(string json) => JsonSchema.Parse(json, JsonSchemaOptions.Placement);
}
