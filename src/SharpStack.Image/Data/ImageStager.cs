using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Image.Configuration;
using SharpStack.Image.Images;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;
using SharpStack.Image.Stores;

namespace SharpStack.Image.Data;

/// <summary>PUT /v2/images/{id}/stage (glance-direct, step one): queued → uploading, the body written to the
/// staging area under the image id, the image's size set. Failures unstage and put the image back to queued.</summary>
public sealed class ImageStager(ImageDb db, ImageStores stores, SharpStackConfig config, TimeProvider time)
{
    public async Task StageAsync(ImageRow image, Stream body, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var version = await ImageStatusSwitch.SwitchAsync(db, image, ImageStatus.Queued, ImageStatus.Uploading, now, ct);
        string? url = null;
        try
        {
            using var hashing = new HashingStream(body, config.Get(ImageOptions.ImageSizeCap), config.Get(ImageOptions.HashingAlgorithm));
            try
            {
                url = await stores.Staging.AddAsync(image.Id, hashing, ct);
            }
            catch (DuplicateDataException)
            {
                throw ApiException.Conflict($"The image {image.Id} has data on staging");
            }
            var size = hashing.BytesRead;
            var changed = await db.Images
                .Where(i => i.Id == image.Id && i.Version == version && i.Status == ImageStatus.Uploading && !i.Deleted)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Size, size).SetProperty(i => i.Version, version + 1)
                    .SetProperty(i => i.UpdatedAt, time.GetUtcNow().UtcDateTime), CancellationToken.None);
            if (changed == 0) throw ImageLookup.NotFound(image.Id);
        }
        catch (Exception e)
        {
            if (url is not null || e is not ApiException { Status: 409 }) await stores.Staging.DeleteAsync(stores.Staging.UrlOf(image.Id), CancellationToken.None);
            await ImageStatusSwitch.RestoreQueuedAsync(db, image.Id, ImageStatus.Uploading, version, time.GetUtcNow().UtcDateTime);
            var translated = ImageUploader.Translate(e, ct);
            if (ReferenceEquals(translated, e)) throw;
            throw translated;
        }
    }
}
