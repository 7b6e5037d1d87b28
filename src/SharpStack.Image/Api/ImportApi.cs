using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Auth;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Configuration;
using SharpStack.Image.Import;
using SharpStack.Image.Policies;
using SharpStack.Image.Stores;

namespace SharpStack.Image.Api;

/// <summary>Interoperable import: POST /v2/images/{id}/import and the discovery documents /v2/info/import,
/// /v2/info/stores and /v2/info/stores/detail.</summary>
public static class ImportApi
{
    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapPost("/images/{id}/import", async (string id, HttpContext context, ImageImporter importer) =>
        {
            var body = await GlanceRequest.ReadObjectAsync(context);
            await importer.StartAsync(context, id, body);
            return Results.StatusCode(202);
        });
        v2.MapGet("/info/import", (HttpContext context, SharpStackConfig config) =>
        {
            context.RequireAuth();
            var methods = new JsonArray();
            foreach (var m in config.Get(ImageOptions.EnabledImportMethods)) methods.Add(m);
            return new JsonBodyResult(new JsonObject
            {
                ["import-methods"] = new JsonObject { ["description"] = "Import methods available.", ["type"] = "array", ["value"] = methods },
            });
        });
        v2.MapGet("/info/stores", (HttpContext context, ImageStores stores) =>
        {
            context.RequireAuth();
            return new JsonBodyResult(new JsonObject { ["stores"] = Stores(stores, detail: false) });
        });
        v2.MapGet("/info/stores/detail", (HttpContext context, ImageStores stores, ImageAuthorizer authz) =>
        {
            var list = Stores(stores, detail: true);
            authz.Enforce(context, ImagePolicyNames.StoresInfoDetail);
            return new JsonBodyResult(new JsonObject { ["stores"] = list });
        });
    }

    private static JsonArray Stores(ImageStores stores, bool detail)
    {
        if (!stores.MultiStore) throw ApiException.NotFound("Multi backend is not supported at this site.");
        var list = new JsonArray();
        foreach (var store in stores.All)
        {
            var o = new JsonObject { ["id"] = store.Id };
            if (store == stores.Default) o["default"] = "true";
            if (store.IsReadOnly) o["read-only"] = "true";
            if (detail)
            {
                o["type"] = store.Type;
                o["properties"] = store.Properties();
            }
            list.Add(o);
        }
        return list;
    }
}
