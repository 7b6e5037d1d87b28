using Microsoft.AspNetCore.Builder;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Images;
using SharpStack.Image.Metadefs;
using SharpStack.Image.Schemas;
using P = SharpStack.Image.Policies.Metadefs;

namespace SharpStack.Image.Api;

/// <summary>/v2/metadefs/namespaces/{ns}/properties[/{name}]: thin HTTP over <see cref="PropertyManager"/>.</summary>
public static class MetadefPropertiesApi
{
    public static void Map(RouteGroupBuilder v2)
    {
        const string Properties = "/metadefs/namespaces/{ns}/properties";
        v2.MapGetHead(Properties, async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, PropertyManager properties) =>
        {
            MetadefRequest.RejectBody(context);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.GetProperties, row);
            var list = await properties.ListAsync(row, context.RequestAborted);
            var map = new JsonObject(list.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)PropertyType.Render(null, p.JsonSchema))));
            return new JsonBodyResult(new JsonObject { ["properties"] = map });
        });
        v2.MapPost(Properties, async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, MetadefSchemas schemas, NamespaceLookup lookup, PropertyManager properties) =>
        {
            var body = await ReadAsync(context, schemas);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.AddProperty, row);
            var created = await properties.CreateAsync(row, body, context.RequestAborted);
            return new JsonBodyResult(PropertyType.Render(created.Name, created.JsonSchema), StatusCodes.Status201Created);
        });
        v2.MapGetHead(Properties + "/{name}", async (string ns, string name, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, ResourceTypeManager resourceTypes, PropertyManager properties) =>
        {
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.GetProperty, row);
            var resourceType = context.Request.Query["resource_type"].LastOrDefault();
            if (!string.IsNullOrEmpty(resourceType))
            {
                access.Enforce(caller, P.GetResourceType, row);
                var association = (await resourceTypes.AssociationsAsync(row.Id, context.RequestAborted)).Where(a => a.Name == resourceType).Select(a => a.Row).FirstOrDefault()
                    ?? throw ApiException.NotFound($"The metadata definition resource-type association of resource-type={resourceType} to namespace={ns}, was not found.");
                var prefix = association.Prefix;
                if (string.IsNullOrEmpty(prefix) || !name.StartsWith(prefix, StringComparison.Ordinal))
                    throw ApiException.NotFound($"Property {name} does not start with the expected resource type association prefix of '{prefix ?? "None"}'.");
                name = name[prefix.Length..];
            }
            var property = await properties.GetAsync(row, name, tracking: false, context.RequestAborted);
            return new JsonBodyResult(PropertyType.Render(property.Name, property.JsonSchema));
        });
        v2.MapPut(Properties + "/{name}", async (string ns, string name, HttpContext context, ImageAuthorizer authz, MetadefAccess access, MetadefSchemas schemas, NamespaceLookup lookup, PropertyManager properties) =>
        {
            var body = await ReadAsync(context, schemas);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.ModifyProperty, row);
            var updated = await properties.UpdateAsync(row, name, body, context.RequestAborted);
            return new JsonBodyResult(PropertyType.Render(updated.Name, updated.JsonSchema));
        });
        v2.MapDelete(Properties + "/{name}", async (string ns, string name, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, PropertyManager properties) =>
        {
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.RemoveProperty, row);
            await properties.DeleteAsync(row, name, context.RequestAborted);
            return Results.NoContent();
        });
        v2.MapDelete(Properties, async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, PropertyManager properties) =>
        {
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.DeleteNamespace, row);
            await properties.DeleteAllAsync(row, context.RequestAborted);
            return Results.NoContent();
        });
    }

    private static async Task<JsonObject> ReadAsync(HttpContext context, MetadefSchemas schemas)
    {
        var body = await MetadefRequest.ReadAsync(context, MetadefRequest.ReadOnly);
        schemas.CheckProperty(body);
        return (JsonObject)body;
    }
}
