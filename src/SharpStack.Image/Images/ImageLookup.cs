using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Images;

/// <summary>Finds an image the caller may see (Glance's is_image_visible): admins see all; others see their
/// project's images, public and community ones, and shared ones their project is a member of. Anything else
/// is answered as if it did not exist.</summary>
public sealed class ImageLookup(ImageDb db)
{
    public static ApiException NotFound(string id) => ApiException.NotFound($"No image found with ID {id}");

    /// <summary>The image with its properties, tags and locations, or 404.</summary>
    public async Task<ImageRow> GetVisibleAsync(ImageCaller caller, string id, CancellationToken ct, bool tracked = false)
    {
        var query = db.Images.Include(i => i.Properties).Include(i => i.Tags).Include(i => i.Locations).AsSplitQuery();
        var image = await (tracked ? query.AsTracking() : query.AsNoTracking()).FirstOrDefaultAsync(i => i.Id == id && !i.Deleted, ct);
        if (image is null || !await IsVisibleAsync(caller, image, ct)) throw NotFound(id);
        return image;
    }

    public async Task<bool> IsVisibleAsync(ImageCaller caller, ImageRow image, CancellationToken ct)
    {
        if (caller.IsAdmin) return true;
        if (image.Visibility is ImageVisibility.Public or ImageVisibility.Community) return true;
        if (caller.ProjectId is null) return false;
        if (image.Owner == caller.ProjectId) return true;
        return image.Visibility == ImageVisibility.Shared
            && await db.Members.AnyAsync(m => m.ImageId == image.Id && m.Member == caller.ProjectId, ct);
    }
}
