using Microsoft.AspNetCore.Http;
using SharpStack.Core.Auth;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Policies;

namespace SharpStack.Image.Images;

/// <summary>Who is asking, as Glance's request context sees it: the project (owner of what they create) and
/// whether policy makes them an admin (context_is_admin), which lifts ownership and visibility limits.</summary>
public sealed record ImageCaller(AuthContext Auth, string? ProjectId, bool IsAdmin)
{
    public static ImageCaller From(HttpContext context, ImageAuthorizer authz)
    {
        var auth = context.RequireAuth();
        return new ImageCaller(auth, auth.ProjectId, authz.Allows(auth, ImagePolicyNames.ContextIsAdmin));
    }

    /// <summary>Glance's check_is_image_mutable: admins, or the owning project.</summary>
    public bool Owns(string? owner) => IsAdmin || (owner is not null && ProjectId is not null && owner == ProjectId);
}
