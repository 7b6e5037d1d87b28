using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Http;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Configuration;
using SharpStack.Image.Images;
using SharpStack.Image.Policies;
using SharpStack.Image.Schemas;

namespace SharpStack.Image.Api;

/// <summary>/v2/images: thin HTTP over <see cref="ImageManager"/>, <see cref="ImageLister"/> and <see cref="ImageUpdater"/>.</summary>
public static class ImagesApi
{
    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapPost("/images", async (HttpContext context, ImageAuthorizer authz, ImageManager images, ImageView view, ImageSchemas schemas, SharpStackConfig config) =>
        {
            var caller = ImageCaller.From(context, authz);
            var request = NewImage.Parse(await GlanceJsonBody.ReadAsync(context), schemas);
            var owner = request.Has("owner") ? request.Text("owner") : caller.ProjectId;
            var target = ImageTarget.ForNew(owner, request.PolicyVisibility);
            if (!authz.Allows(caller.Auth, ImagePolicyNames.AddImage, target))
                throw ApiException.Forbidden(owner != caller.ProjectId
                    ? $"You are not permitted to create images owned by '{owner ?? "None"}'"
                    : "You are not authorized to complete add_image action.");
            EnforceVisibility(context, authz, request.PolicyVisibility, target);
            var image = await images.CreateAsync(caller, request, context.RequestAborted);
            var r = context.Request;
            // webob makes the Location header absolute against the request URL.
            context.Response.Headers.Location = $"{r.Scheme}://{r.Host}{r.PathBase}/v2/images/{image.Id}";
            var methods = config.Get(ImageOptions.EnabledImportMethods);
            if (methods.Count > 0) context.Response.Headers["OpenStack-image-import-methods"] = string.Join(",", methods);
            var backends = config.Get(ImageOptions.EnabledBackends);
            if (backends.Count > 0) context.Response.Headers["OpenStack-image-store-ids"] = string.Join(",", backends.Select(b => b.Split(':')[0].Trim()));
            return new JsonBodyResult(view.Render(image), 201);
        });
        v2.MapGetHead("/images", async (HttpContext context, ImageAuthorizer authz, ImageLister lister, ImageListCache cache, ImageView view, SharpStackConfig config) =>
        {
            var caller = ImageCaller.From(context, authz);
            var query = ImageListQuery.Parse(context.Request.QueryString.Value, config);
            authz.Enforce(context, ImagePolicyNames.GetImages, new Dictionary<string, object?> { ["project_id"] = caller.ProjectId });
            var key = ImageListCache.Key(caller.Auth, authz.Enforcer.Generation, context.Request.QueryString.Value);
            var revision = await lister.RevisionAsync(context.RequestAborted);
            if (cache.Find(key, revision) is { } kept) return new JsonBytesResult(kept);
            var page = await lister.ListAsync(caller, query, context.RequestAborted);
            var list = new System.Text.Json.Nodes.JsonArray();
            string? last = null;
            foreach (var image in page)
            {
                var target = ImageTarget.For(image);
                if (!authz.Allows(caller.Auth, ImagePolicyNames.GetImage, target)) continue;
                list.Add(view.Render(image, authz.Allows(caller.Auth, ImagePolicyNames.GetImageLocation, target)));
                last = image.Id;
            }
            var body = PooledJsonBody.ToBytes(ImageListQuery.Envelope(list, query, page.Count == query.Limit ? last : null));
            cache.Keep(key, revision, body);
            return new JsonBytesResult(body);
        });
        v2.MapGetHead("/images/{id}", async (string id, HttpContext context, ImageAuthorizer authz, ImageLookup lookup, ImageView view) =>
        {
            var caller = ImageCaller.From(context, authz);
            var image = await lookup.GetVisibleAsync(caller, id, context.RequestAborted);
            authz.Enforce(context, ImagePolicyNames.GetImage, ImageTarget.For(image));
            return new JsonBodyResult(view.Render(image, authz.Allows(caller.Auth, ImagePolicyNames.GetImageLocation, ImageTarget.For(image))));
        });
        v2.MapPatch("/images/{id}", async (string id, HttpContext context, ImageAuthorizer authz, ImageUpdater updater, ImageView view, ImageSchemas schemas) =>
        {
            var caller = ImageCaller.From(context, authz);
            var changes = await ImagePatch.ReadAsync(context, schemas);
            var image = await updater.UpdateAsync(caller, id, changes,
                (policy, target) => authz.Enforce(context, policy, target), context.RequestAborted);
            return new JsonBodyResult(view.Render(image, authz.Allows(caller.Auth, ImagePolicyNames.GetImageLocation, ImageTarget.For(image))));
        });
        v2.MapDelete("/images/{id}", async (string id, HttpContext context, ImageAuthorizer authz, ImageLookup lookup, ImageManager images) =>
        {
            var caller = ImageCaller.From(context, authz);
            var image = await lookup.GetVisibleAsync(caller, id, context.RequestAborted);
            authz.Enforce(context, ImagePolicyNames.DeleteImage, ImageTarget.For(image));
            await context.RequestServices.GetRequiredService<Data.ImageDataCleaner>().RemoveAsync(await images.DeleteAsync(caller, id, context.RequestAborted));
            return Results.NoContent();
        });
    }

    /// <summary>Glance's _enforce_image_visibility: public needs publicize_image, community communitize_image.</summary>
    public static void EnforceVisibility(HttpContext context, ImageAuthorizer authz, string? visibility, IReadOnlyDictionary<string, object?> target)
    {
        if (visibility == ImageVisibility.Public) authz.Enforce(context, ImagePolicyNames.PublicizeImage, target);
        else if (visibility == ImageVisibility.Community) authz.Enforce(context, ImagePolicyNames.CommunitizeImage, target);
    }
}
