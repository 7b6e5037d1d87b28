using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Image.Images;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Data;

/// <summary>Status changes of the image data path as compare-and-swap updates on the image's version, so two
/// requests (two uploads, an upload and a delete) can never both win the same transition.</summary>
public static class ImageStatusSwitch
{
    /// <summary>Glance's "Image status transition from X to Y is not allowed".</summary>
    public static ApiException NotAllowed(string from, string to) =>
        ApiException.Conflict($"Image status transition from {from} to {to} is not allowed");

    /// <summary>The formats an image needs before data may be stored (Glance's domain check, 400).</summary>
    public static void RequireFormats(ImageRow image)
    {
        var missing = new List<string>();
        if (string.IsNullOrEmpty(image.DiskFormat)) missing.Add("disk_format");
        if (string.IsNullOrEmpty(image.ContainerFormat)) missing.Add("container_format");
        if (missing.Count == 1) throw ApiException.BadRequest($"Property {missing[0]} must be set prior to saving data.");
        if (missing.Count == 2) throw ApiException.BadRequest("Properties disk_format, container_format must be set prior to saving data.");
    }

    /// <summary>Moves the image from <paramref name="from"/> to <paramref name="to"/> if nobody changed it since it
    /// was read (same version); answers the new version, or 409 with the status it has now.</summary>
    public static async Task<long> SwitchAsync(ImageDb db, ImageRow image, string from, string to, DateTime now, CancellationToken ct)
    {
        if (image.Status != from) throw NotAllowed(image.Status, to);
        var version = image.Version;
        var changed = await db.Images
            .Where(i => i.Id == image.Id && i.Version == version && i.Status == from && !i.Deleted)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, to).SetProperty(i => i.Version, version + 1).SetProperty(i => i.UpdatedAt, now), ct);
        if (changed == 1) return version + 1;
        var current = await db.Images.Where(i => i.Id == image.Id).Select(i => new { i.Status, i.Deleted }).FirstOrDefaultAsync(ct);
        if (current is null || current.Deleted) throw ImageLookup.NotFound(image.Id);
        throw NotAllowed(current.Status, to);
    }

    /// <summary>Puts an image whose data path failed back to queued (size unknown again), if it is still in the
    /// state this request left it in. Never throws for a lost race: whoever changed it since owns it now.</summary>
    public static Task RestoreQueuedAsync(ImageDb db, string imageId, string from, long version, DateTime now) =>
        db.Images
            .Where(i => i.Id == imageId && i.Version == version && i.Status == from && !i.Deleted)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImageStatus.Queued).SetProperty(i => i.Size, (long?)null)
                .SetProperty(i => i.VirtualSize, (long?)null).SetProperty(i => i.Version, version + 1).SetProperty(i => i.UpdatedAt, now), CancellationToken.None);
}
