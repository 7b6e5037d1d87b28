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

/// <summary>/v2/metadefs/namespaces/{ns}/tags[/{name}]: thin HTTP over <see cref="MetadefTagManager"/>.</summary>
public static class MetadefTagsApi
{
    public static void Map(RouteGroupBuilder v2)
    {
        const string Tags = "/metadefs/namespaces/{ns}/tags";
        v2.MapGetHead(Tags, async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, MetadefTagManager tags) =>
        {
            var visibility = context.Request.Query["visibility"].LastOrDefault();
            if (!string.IsNullOrEmpty(visibility) && visibility is not ("public" or "private" or "shared"))
                throw Core.Errors.ApiException.BadRequest($"Invalid visibility value: {visibility}");
            var page = ListPage.From(context.Request.Query, null, int.MaxValue);
            if (page.Limit == 0) page = page with { Limit = null };
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.GetTags, row);
            var list = await tags.ListAsync(row, page, context.RequestAborted);
            return new JsonBodyResult(new JsonObject { ["tags"] = new JsonArray(list.Select(t => (JsonNode?)new JsonObject { ["name"] = t.Name }).ToArray()) });
        });
        v2.MapPost(Tags, async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, MetadefSchemas schemas, NamespaceLookup lookup, MetadefTagManager tags) =>
        {
            var body = await MetadefRequest.ReadAsync(context, MetadefRequest.ReadOnly);
            schemas.CheckTagList(body);
            var names = (body["tags"] as JsonArray ?? []).Select(t => t!["name"]!.GetValue<string>()).ToList();
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.AddTags, row);
            var append = IsTrue(context.Request.Headers["X-Openstack-Append"].LastOrDefault());
            var created = await tags.CreateManyAsync(row, names, append, context.RequestAborted);
            var items = new JsonArray(created.Select(t => (JsonNode?)new JsonObject { ["name"] = t.Name }).ToArray());
            return new JsonBodyResult(new JsonObject { ["tags"] = items }, StatusCodes.Status201Created);
        });
        v2.MapDelete(Tags, async (string ns, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, MetadefTagManager tags) =>
        {
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.DeleteNamespace, row);
            access.Enforce(caller, P.DeleteTags, row);
            await tags.DeleteAllAsync(row, context.RequestAborted);
            return Results.NoContent();
        });
        v2.MapPost(Tags + "/{name}", async (string ns, string name, HttpContext context, ImageAuthorizer authz, MetadefAccess access, MetadefSchemas schemas, NamespaceLookup lookup, MetadefTagManager tags) =>
        {
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            schemas.CheckTag(new JsonObject { ["name"] = name });
            access.Enforce(caller, P.AddTag, row);
            return new JsonBodyResult(MetadefView.Tag(await tags.CreateAsync(row, name, context.RequestAborted)), StatusCodes.Status201Created);
        });
        v2.MapGetHead(Tags + "/{name}", async (string ns, string name, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, MetadefTagManager tags) =>
        {
            MetadefRequest.RejectBody(context);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.GetTag, row);
            return new JsonBodyResult(MetadefView.Tag(await tags.GetAsync(row, name, tracking: false, context.RequestAborted)));
        });
        v2.MapPut(Tags + "/{name}", async (string ns, string name, HttpContext context, ImageAuthorizer authz, MetadefAccess access, MetadefSchemas schemas, NamespaceLookup lookup, MetadefTagManager tags) =>
        {
            var body = await MetadefRequest.ReadAsync(context, MetadefRequest.ReadOnly);
            schemas.CheckTag(body);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.ModifyTag, row);
            var renamed = await tags.RenameAsync(row, name, body["name"]!.GetValue<string>(), context.RequestAborted);
            return new JsonBodyResult(MetadefView.Tag(renamed));
        });
        v2.MapDelete(Tags + "/{name}", async (string ns, string name, HttpContext context, ImageAuthorizer authz, MetadefAccess access, NamespaceLookup lookup, MetadefTagManager tags) =>
        {
            MetadefRequest.RejectBody(context);
            var caller = ImageCaller.From(context, authz);
            var row = await lookup.RequireAsync(caller, ns, context.RequestAborted);
            access.Enforce(caller, P.DeleteTag, row);
            await tags.DeleteAsync(row, name, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>oslo's bool_from_string: 1, t, true, on, y, yes (any case).</summary>
    private static bool IsTrue(string? value) =>
        value is not null && new[] { "1", "t", "true", "on", "y", "yes" }.Contains(value.Trim().ToLowerInvariant());
}
