using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Images;

/// <summary>The policy target of an image (Glance's ImageTarget): project_id is the owner, so
/// "project_id:%(project_id)s" means "the caller's project owns it".</summary>
public static class ImageTarget
{
    public static Dictionary<string, object?> For(ImageRow image, string? memberId = null) => new(StringComparer.Ordinal)
    {
        ["id"] = image.Id,
        ["name"] = image.Name,
        ["owner"] = image.Owner,
        ["project_id"] = image.Owner,
        ["visibility"] = image.Visibility,
        ["protected"] = image.Protected,
        ["status"] = image.Status,
        ["member_id"] = memberId,
    };

    /// <summary>The target of a request that names no image yet (create): the project it will belong to.</summary>
    public static Dictionary<string, object?> ForNew(string? owner, string visibility) => new(StringComparer.Ordinal)
    {
        ["owner"] = owner,
        ["project_id"] = owner,
        ["visibility"] = visibility,
    };
}
