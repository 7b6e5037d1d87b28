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
        ImageRow? image;
        if (tracked)
        {
            // Tracked for an update: the collections must be tracked too, so EF loads them.
            image = await db.Images.Include(i => i.Properties).Include(i => i.Tags).Include(i => i.Locations).AsSplitQuery()
                .AsTracking().FirstOrDefaultAsync(i => i.Id == id && !i.Deleted, ct);
        }
        else
        {
            await db.Database.OpenConnectionAsync(ct);
            image = await db.Images.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && !i.Deleted, ct);
            if (image is not null) await LoadDetailsAsync([image], locations: true, ct);
        }
        if (image is null || !await IsVisibleAsync(caller, image, ct)) throw NotFound(id);
        return image;
    }

    /// <summary>Fills the properties and tags (and locations when asked) of untracked images: two queries for any
    /// number of images, cheaper than EF's split-query includes.</summary>
    public async Task LoadDetailsAsync(IReadOnlyList<ImageRow> images, bool locations, CancellationToken ct)
    {
        var ids = images.Select(i => i.Id).ToList();
        // A tag is a row without a name.
        var extras = await db.Properties.Where(p => ids.Contains(p.ImageId)).Select(p => new { p.ImageId, Name = (string?)p.Name, p.Value })
            .Concat(db.Tags.Where(t => ids.Contains(t.ImageId)).Select(t => new { t.ImageId, Name = (string?)null, t.Value }))
            .ToListAsync(ct);
        var byId = images.ToDictionary(i => i.Id);
        foreach (var x in extras)
        {
            if (x.Name is null) byId[x.ImageId].Tags.Add(new ImageTagRow { ImageId = x.ImageId, Value = x.Value });
            else byId[x.ImageId].Properties.Add(new ImagePropertyRow { ImageId = x.ImageId, Name = x.Name, Value = x.Value });
        }
        if (!locations) return;
        foreach (var l in await db.Locations.AsNoTracking().Where(l => ids.Contains(l.ImageId)).OrderBy(l => l.InternalId).ToListAsync(ct))
            byId[l.ImageId].Locations.Add(l);
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
