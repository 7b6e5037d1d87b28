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

/// <summary>/v2/metadefs/namespaces/{ns}/objects[/{name}]: thin HTTP over <see cref="ObjectManager"/>.</summary>
public static class MetadefObjectsApi
{
    public static void Map(RouteGroupBuilder v2)
    {
        const string Objects = "/metadefs/namespaces/{ns}/objects";
        v2.MapGetHead(Objects, async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, ObjectManager objects) =>
        {
            var page = ListPage.From(context.Request.Query, null, int.MaxValue);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireExplainedAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.GetObjects, row);
            var list = await objects.ListAsync(row, page.Ascending, context.RequestAborted);
            var items = access.Check(caller, P.GetObject, row) ? list.Select(o => (JsonNode?)MetadefView.Object(ns, o)).ToArray() : [];
            return new JsonBodyResult(new JsonObject { ["objects"] = new JsonArray(items), ["schema"] = "v2/schemas/metadefs/objects" });
        });
        v2.MapPost(Objects, async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, MetadefSchemas schemas, NamespaceLookup lookup, ObjectManager objects) =>
        {
            var input = await ReadAsync(context, schemas, create: true);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireExplainedAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.AddObject, row);
            var created = await objects.CreateAsync(row, input, context.RequestAborted);
            return new JsonBodyResult(MetadefView.Object(ns, created), StatusCodes.Status201Created);
        });
        v2.MapGetHead(Objects + "/{name}", async (string ns, string name, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, ObjectManager objects) =>
        {
            MetadefRequest.RejectBody(context);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireExplainedAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.GetObject, row);
            return new JsonBodyResult(MetadefView.Object(ns, await objects.GetAsync(row, name, tracking: false, context.RequestAborted)));
        });
        v2.MapPut(Objects + "/{name}", async (string ns, string name, HttpContext context, ImageAuthorizer authz, MetadefAccess access, MetadefSchemas schemas, NamespaceLookup lookup, ObjectManager objects) =>
        {
            var input = await ReadAsync(context, schemas, create: false);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireExplainedAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.ModifyObject, row);
            return new JsonBodyResult(MetadefView.Object(ns, await objects.UpdateAsync(row, name, input, context.RequestAborted)));
        });
        v2.MapDelete(Objects + "/{name}", async (string ns, string name, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, ObjectManager objects) =>
        {
            MetadefRequest.RejectBody(context);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireExplainedAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.DeleteObject, row);
            await objects.DeleteAsync(row, name, context.RequestAborted);
            return Results.NoContent();
        });
        v2.MapDelete(Objects, async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, ObjectManager objects) =>
        {
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.DeleteNamespace, row);
            await objects.DeleteAllAsync(row, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>The object body: read-only attributes refused, the object schema (and on create each property's
    /// schema) checked.</summary>
    private static async Task<ObjectInput> ReadAsync(HttpContext context, MetadefSchemas schemas, bool create)
    {
        var body = await MetadefRequest.ReadAsync(context, MetadefRequest.LinkedReadOnly);
        schemas.CheckObject(body);
        var o = (JsonObject)body;
        if (create && o["properties"] is JsonObject properties)
            foreach (var (_, definition) in properties) schemas.CheckObjectProperty(definition);
        return ObjectManager.Read(o);
    }
}
