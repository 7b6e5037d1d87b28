using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Images;
using SharpStack.Image.Policies;

namespace SharpStack.Image.Api;

/// <summary>POST /v2/images/{id}/actions/deactivate and /reactivate (204).</summary>
public static class ImageActionsApi
{
    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapPost("/images/{id}/actions/deactivate", async (string id, HttpContext context, ImageAuthorizer authz, ImageLookup lookup, ImageManager images) =>
        {
            var caller = await EnforceAsync(context, authz, lookup, id, ImagePolicyNames.Deactivate);
            await images.DeactivateAsync(caller, id, context.RequestAborted);
            return Results.NoContent();
        });
        v2.MapPost("/images/{id}/actions/reactivate", async (string id, HttpContext context, ImageAuthorizer authz, ImageLookup lookup, ImageManager images) =>
        {
            var caller = await EnforceAsync(context, authz, lookup, id, ImagePolicyNames.Reactivate);
            await images.ReactivateAsync(caller, id, context.RequestAborted);
            return Results.NoContent();
        });
    }

    private static async Task<ImageCaller> EnforceAsync(HttpContext context, ImageAuthorizer authz, ImageLookup lookup, string id, string rule)
    {
        var caller = ImageCaller.From(context, authz);
        var image = await lookup.GetVisibleAsync(caller, id, context.RequestAborted);
        authz.Enforce(context, rule, ImageTarget.For(image));
        return caller;
    }
}
