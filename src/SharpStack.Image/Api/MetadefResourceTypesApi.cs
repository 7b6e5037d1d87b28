using Microsoft.AspNetCore.Builder;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Http;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Images;
using SharpStack.Image.Metadefs;
using SharpStack.Image.Schemas;
using P = SharpStack.Image.Policies.Metadefs;

namespace SharpStack.Image.Api;

/// <summary>/v2/metadefs/resource_types and /v2/metadefs/namespaces/{ns}/resource_types[/{name}]: thin HTTP over
/// <see cref="ResourceTypeManager"/>.</summary>
public static class MetadefResourceTypesApi
{
    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapGetHead("/metadefs/resource_types", async (HttpContext context, ImageAuthorizer authz, MetadefAccess access, ResourceTypeManager resourceTypes) =>
        {
            MetadefRequest.RejectBody(context);
            var caller = ImageCaller.From(context, authz);
            access.Enforce(caller, P.ListResourceTypes);
            var list = await resourceTypes.ListAsync(context.RequestAborted);
            return new JsonBodyResult(new JsonObject { ["resource_types"] = new JsonArray(list.Select(r => (JsonNode?)MetadefView.ResourceType(r)).ToArray()) });
        });
        const string Associations = "/metadefs/namespaces/{ns}/resource_types";
        v2.MapGetHead(Associations, async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, ResourceTypeManager resourceTypes) =>
        {
            MetadefRequest.RejectBody(context);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.ListResourceTypes, row);
            var list = access.Check(caller, P.GetResourceType, row) ? await resourceTypes.AssociationsAsync(row.Id, context.RequestAborted) : [];
            var items = new JsonArray(list.Select(a => (JsonNode?)MetadefView.Association(a.Name, a.Row)).ToArray());
            return new JsonBodyResult(new JsonObject { ["resource_type_associations"] = items });
        });
        v2.MapPost(Associations, async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, MetadefSchemas schemas, NamespaceLookup lookup, ResourceTypeManager resourceTypes) =>
        {
            var body = await MetadefRequest.ReadAsync(context, MetadefRequest.ReadOnly);
            schemas.CheckResourceType(body);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.AddResourceTypeAssociation, row);
            var (name, association) = await resourceTypes.AssociateAsync(row, (JsonObject)body, context.RequestAborted);
            return new JsonBodyResult(MetadefView.Association(name, association), StatusCodes.Status201Created);
        });
        v2.MapDelete(Associations + "/{name}", async (string ns, string name, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, ResourceTypeManager resourceTypes) =>
        {
            MetadefRequest.RejectBody(context);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.RemoveResourceTypeAssociation, row);
            await resourceTypes.DissociateAsync(row, name, context.RequestAborted);
            return Results.NoContent();
        });
    }
}
