using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Image.Configuration;
using SharpStack.Image.Images;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;
using SharpStack.Image.Stores;

namespace SharpStack.Image.Data;

/// <summary>PUT /v2/images/{id}/file (Glance's ImageDataController.upload): queued → saving, the request body
/// streamed into the store while size, checksum and os_hash_value are computed, then saving → active with the
/// new location. Any failure puts the image back to queued and leaves no data behind.</summary>
public sealed class ImageUploader(ImageDb db, ImageStores stores, SharpStackConfig config, TimeProvider time)
{
    public async Task UploadAsync(ImageRow image, IImageStore store, Stream body, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (image.Status != ImageStatus.Queued) throw ImageStatusSwitch.NotAllowed(image.Status, ImageStatus.Saving);
        ImageStatusSwitch.RequireFormats(image);
        var version = await ImageStatusSwitch.SwitchAsync(db, image, ImageStatus.Queued, ImageStatus.Saving, now, ct);

        string url;
        using var hashing = new HashingStream(body, config.Get(ImageOptions.ImageSizeCap), config.Get(ImageOptions.HashingAlgorithm));
        try
        {
            url = await store.AddAsync(image.Id, hashing, ct);
        }
        catch (Exception e)
        {
            await ImageStatusSwitch.RestoreQueuedAsync(db, image.Id, ImageStatus.Saving, version, time.GetUtcNow().UtcDateTime);
            var translated = Translate(e, ct);
            if (ReferenceEquals(translated, e)) throw;
            throw translated;
        }

        var stored = new StoredData(url, hashing.BytesRead, hashing.Checksum(), hashing.Algorithm, hashing.HashValue());
        if (!await ActivateAsync(image.Id, version, store, stored))
        {
            await store.DeleteAsync(url, CancellationToken.None);
            throw new ApiException(410, $"Image {image.Id} could not be found after upload. The image may have been deleted during the upload, cleaning up the chunks uploaded.");
        }
    }

    /// <summary>saving → active with the data's attributes and location, if the image is still this upload's.</summary>
    private async Task<bool> ActivateAsync(string imageId, long version, IImageStore store, StoredData data)
    {
        return await Transactions.RunAsync(db, async c =>
        {
            var row = await db.Images.AsTracking().FirstOrDefaultAsync(i => i.Id == imageId, c);
            if (row is null || row.Deleted || row.Status != ImageStatus.Saving || row.Version != version) return false;
            var now = time.GetUtcNow().UtcDateTime;
            row.Status = ImageStatus.Active;
            row.Size = data.Size;
            row.Checksum = data.Checksum;
            row.OsHashAlgo = data.HashAlgorithm;
            row.OsHashValue = data.HashValue;
            row.UpdatedAt = now;
            row.Version = version + 1;
            db.Locations.Add(new ImageLocationRow { ImageId = imageId, Url = data.Url, MetaData = stores.MetadataFor(store), Status = "active", CreatedAt = now });
            return true;
        }, CancellationToken.None);
    }

    /// <summary>Store and reader failures as Glance answers them.</summary>
    public static Exception Translate(Exception e, CancellationToken ct) => e switch
    {
        ImageTooLargeException => new ApiException(413, "The incoming image is too large: The provided image is too large."),
        StorageFullException full => new ApiException(413, "Image storage media is full: " + full.Message),
        StoreAddDisabledException => new ApiException(410, "Error in store configuration. Adding images to store is disabled."),
        UnauthorizedAccessException denied => new ApiException(503, "Insufficient permissions on image storage media: " + denied.Message),
        _ when ct.IsCancellationRequested => new OperationCanceledException(ct),
        _ => e,
    };
}

/// <summary>What storing image data produced: its location and the attributes computed on the way.</summary>
public sealed record StoredData(string Url, long Size, string Checksum, string HashAlgorithm, string HashValue);
