using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Errors;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Images;
using SharpStack.Image.Members;
using SharpStack.Image.Policies;
using SharpStack.Image.Storage.Entities;
using SharpStack.Image.Tags;

namespace SharpStack.Image.Api;

/// <summary>PUT and DELETE /v2/images/{id}/tags/{tag}: thin HTTP over <see cref="TagManager"/>.</summary>
public static class TagsApi
{
    public static void Map(RouteGroupBuilder v2)
    {
        v2.MapPut("/images/{image_id}/tags/{tag}", async (string image_id, string tag, HttpContext context, ImageAuthorizer authz, TagManager tags) =>
        {
            TagManager.Validate(tag);
            var caller = ImageCaller.From(context, authz);
            var image = await tags.FindImageAsync(caller, image_id, context.RequestAborted);
            EnforceModify(authz, caller, image, $"Not allowed to update tags for image {image_id}.");
            await tags.AddAsync(image, tag, context.RequestAborted);
            return Results.NoContent();
        });
        v2.MapDelete("/images/{image_id}/tags/{tag}", async (string image_id, string tag, HttpContext context, ImageAuthorizer authz, TagManager tags) =>
        {
            var caller = ImageCaller.From(context, authz);
            var image = await tags.FindImageAsync(caller, image_id, context.RequestAborted);
            EnforceModify(authz, caller, image, $"Not allowed to delete tags for image {image_id}.");
            await tags.RemoveAsync(image, tag, context.RequestAborted);
            return Results.NoContent();
        });
    }

    /// <summary>Glance's ImageAPIPolicy.modify_image: a bare 404 when the caller may not even see the image, the
    /// rule's 403 otherwise; then, under the legacy defaults, only the owner (or an admin) may change it.</summary>
    private static void EnforceModify(ImageAuthorizer authz, ImageCaller caller, ImageRow image, string notOwner)
    {
        var target = ImageTarget.For(image, MemberManager.TargetMember(caller, image));
        if (!authz.Allows(caller.Auth, ImagePolicyNames.ModifyImage, target))
        {
            if (!authz.Allows(caller.Auth, ImagePolicyNames.GetImage, target)) throw ApiException.NotFound("The resource could not be found.");
            throw ApiException.Forbidden($"You are not authorized to complete {ImagePolicyNames.ModifyImage} action.");
        }
        if (!authz.Enforcer.Options.EnforceNewDefaults && !caller.Owns(image.Owner)) throw ApiException.Forbidden(notOwner);
    }
}
