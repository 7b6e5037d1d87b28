using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SharpStack.Core.Http;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Images;
using SharpStack.Image.Policies;

namespace SharpStack.Image.Api;

/// <summary>/v2/images: thin HTTP over <see cref="ImageManager"/>.</summary>
public static class ImagesApi
{
    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapPost("/images", async (HttpContext context, ImageAuthorizer authz, ImageManager images, ImageView view) =>
        {
            var caller = ImageCaller.From(context, authz);
            var body = await GlanceRequest.ReadObjectAsync(context);
            var owner = body["owner"]?.GetValue<string>() ?? caller.ProjectId;
            var visibility = body["visibility"]?.GetValue<string>() ?? ImageVisibility.Shared;
            authz.Enforce(context, ImagePolicyNames.AddImage, ImageTarget.ForNew(owner, visibility));
            if (visibility == ImageVisibility.Public) authz.Enforce(context, ImagePolicyNames.PublicizeImage, ImageTarget.ForNew(owner, visibility));
            if (visibility == ImageVisibility.Community) authz.Enforce(context, ImagePolicyNames.CommunitizeImage, ImageTarget.ForNew(owner, visibility));
            var image = await images.CreateAsync(caller, body, context.RequestAborted);
            context.Response.Headers.Location = $"/v2/images/{image.Id}";
            return new JsonBodyResult(view.Render(image), 201);
        });
        v2.MapGetHead("/images/{id}", async (string id, HttpContext context, ImageAuthorizer authz, ImageLookup lookup, ImageView view) =>
        {
            var caller = ImageCaller.From(context, authz);
            var image = await lookup.GetVisibleAsync(caller, id, context.RequestAborted);
            authz.Enforce(context, ImagePolicyNames.GetImage, ImageTarget.For(image));
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
}
