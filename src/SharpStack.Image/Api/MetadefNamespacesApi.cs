using Microsoft.AspNetCore.Builder;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Configuration;
using SharpStack.Image.Images;
using SharpStack.Image.Metadefs;
using SharpStack.Image.Schemas;
using P = SharpStack.Image.Policies.Metadefs;

namespace SharpStack.Image.Api;

/// <summary>/v2/metadefs/namespaces[/{ns}]: thin HTTP over the Metadefs rules, in Glance's order of checks.</summary>
public static class MetadefNamespacesApi
{
    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapGetHead("/metadefs/namespaces", async (HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLister lister, SharpStackConfig config) =>
        {
            var q = context.Request.Query;
            var page = ListPage.From(q, config.Get(ImageOptions.LimitParamDefault), config.Get(ImageOptions.ApiLimitMax));
            var visibility = q["visibility"].LastOrDefault();
            if (!string.IsNullOrEmpty(visibility) && visibility is not ("public" or "private"))
                throw ApiException.BadRequest($"Invalid visibility value: {visibility}");
            var caller = ImageCaller.From(context, authz);
            access.Enforce(caller, P.GetNamespaces);
            access.Enforce(caller, P.ListResourceTypes);
            var rows = (await lister.ListAsync(caller, page, string.IsNullOrEmpty(visibility) ? null : visibility,
                q.ContainsKey("resource_types") ? q["resource_types"].LastOrDefault() ?? "" : null, context.RequestAborted))
                .Where(n => access.Check(caller, P.GetNamespace, n)).ToList();
            var items = new JsonArray();
            foreach (var row in rows)
            {
                var item = MetadefView.Namespace(row);
                if (await lister.AssociationsAsync(row, context.RequestAborted) is { } associations) item["resource_type_associations"] = associations;
                items.Add(MetadefView.WithLinks(item, MetadefView.NamespaceHref(row.Namespace), MetadefView.NamespaceSchema));
            }
            var result = new JsonObject { ["namespaces"] = items };
            var query = QueryWithout(q, "marker");
            if (rows.Count != 0 && rows.Count == page.Limit)
                result["next"] = "/v2/metadefs/namespaces?" + (query.Length > 0 ? query + "&" : "") + "marker=" + Uri.EscapeDataString(rows[^1].Namespace);
            result["schema"] = "/v2/schemas/metadefs/namespaces";
            result["first"] = "/v2/metadefs/namespaces" + (query.Length > 0 ? "?" + query : "");
            return new JsonBodyResult(result);
        });
        v2.MapPost("/metadefs/namespaces", async (HttpContext context, ImageAuthorizer authz, MetadefAccess access, MetadefSchemas schemas, NamespaceManager manager) =>
        {
            var body = await MetadefRequest.ReadAsync(context, MetadefRequest.LinkedReadOnly);
            schemas.CheckNamespace(body);
            var o = (JsonObject)body;
            var caller = ImageCaller.From(context, authz);
            access.Enforce(caller, P.AddNamespace);
            if (o["resource_type_associations"] is JsonArray { Count: > 0 }) access.Enforce(caller, P.AddResourceTypeAssociation);
            if (o["objects"] is JsonArray { Count: > 0 }) access.Enforce(caller, P.AddObject);
            if (o["properties"] is JsonObject { Count: > 0 }) access.Enforce(caller, P.AddProperty);
            if (o["tags"] is JsonArray { Count: > 0 }) access.Enforce(caller, P.AddTag);
            var created = await manager.CreateAsync(caller, o, context.RequestAborted);
            context.Response.Headers.Location = MetadefView.NamespaceHref(created["namespace"]!.GetValue<string>());
            return new JsonBodyResult(created, StatusCodes.Status201Created);
        });
        v2.MapGetHead("/metadefs/namespaces/{ns}", async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, NamespaceLister lister) =>
        {
            MetadefRequest.RejectBody(context);
            var caller = ImageCaller.From(context, authz);
            var (row, visible) = await lookup.FindAsync(caller, ns, context.RequestAborted);
            if (row is null) throw NamespaceLookup.NotFound(ns);
            if (!visible) throw ApiException.NotFound("The resource could not be found.");
            access.Enforce(caller, P.GetNamespace, row);
            access.Enforce(caller, P.ListResourceTypes, row);
            access.Enforce(caller, P.GetObjects, row);
            access.Enforce(caller, P.GetProperties, row);
            access.Enforce(caller, P.GetTags, row);
            var resourceType = context.Request.Query["resource_type"].LastOrDefault();
            return new JsonBodyResult(await lister.DetailAsync(row, string.IsNullOrEmpty(resourceType) ? null : resourceType, context.RequestAborted));
        });
        v2.MapPut("/metadefs/namespaces/{ns}", async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, MetadefSchemas schemas, NamespaceLookup lookup, NamespaceManager manager) =>
        {
            var body = await MetadefRequest.ReadAsync(context, MetadefRequest.LinkedReadOnly);
            schemas.CheckNamespace(body);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.ModifyNamespace, row);
            var updated = await manager.UpdateAsync(caller, row, (JsonObject)body, context.RequestAborted);
            return new JsonBodyResult(MetadefView.WithLinks(MetadefView.Namespace(updated), MetadefView.NamespaceHref(updated.Namespace), MetadefView.NamespaceSchema));
        });
        v2.MapDelete("/metadefs/namespaces/{ns}", async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, NamespaceManager manager) =>
        {
            MetadefRequest.RejectBody(context);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.DeleteNamespace, row);
            await manager.DeleteAsync(row, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>The request's query string without <paramref name="drop"/>, encoded as Python's urlencode does.</summary>
    internal static string QueryWithout(IQueryCollection query, string drop) =>
        string.Join("&", query.Where(kv => kv.Key != drop)
            .Select(kv => Uri.EscapeDataString(kv.Key).Replace("%20", "+") + "=" + Uri.EscapeDataString(kv.Value.LastOrDefault() ?? "").Replace("%20", "+")));
}
