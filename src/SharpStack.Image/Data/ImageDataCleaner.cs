using Microsoft.Extensions.Logging;
using SharpStack.Image.Storage.Entities;
using SharpStack.Image.Stores;

namespace SharpStack.Image.Data;

/// <summary>Removes a deleted image's data: every location's data from its store, and anything staged for it.
/// Failures are logged, not raised: the image is already deleted, and leftover files do not look like images.</summary>
public sealed class ImageDataCleaner(ImageStores stores, ILogger<ImageDataCleaner> log)
{
    public async Task RemoveAsync(ImageRow image)
    {
        foreach (var location in image.Locations)
        {
            if (stores.ForLocation(location) is not { } store) continue;
            try
            {
                await store.DeleteAsync(location.Url, CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
            {
                log.LogWarning("Could not delete data of image {ImageId} at {Store}: {Message}", image.Id, store.Id, e.Message);
            }
        }
        await stores.Staging.DeleteAsync(stores.Staging.UrlOf(image.Id), CancellationToken.None);
    }
}
