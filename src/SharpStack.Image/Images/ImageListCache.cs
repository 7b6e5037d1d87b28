using SharpStack.Core.Auth;
using SharpStack.Core.Http;

namespace SharpStack.Image.Images;

/// <summary>Image list answers kept per caller and query, valid while the image revision
/// (<see cref="ImageLister.RevisionAsync"/>: any change to an image, its properties, tags, locations or members)
/// stays the same.</summary>
public sealed class ImageListCache : RevisionCache
{
    /// <summary>Everything an answer depends on besides the data: who asks (all a policy rule may look at), the
    /// policy rules in force, and the query string.</summary>
    public static string Key(AuthContext auth, long policyGeneration, string? query) =>
        string.Join('\n', policyGeneration, auth.UserId, auth.UserDomainId, auth.ProjectId, auth.ProjectDomainId, auth.DomainId,
            auth.SystemScope, auth.IsAdminProject, string.Join(',', auth.Roles.Order(StringComparer.Ordinal)), query);
}
