using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Storage;
using SharpStack.Image.Images;
using SharpStack.Image.Import;
using SharpStack.Image.Storage;
using SharpStack.Image.Stores;
using SharpStack.Image.Tasks;

namespace SharpStack.Image.Data;

/// <summary>Start-up repair after the process was killed: uploads that were in progress (images in saving) go back
/// to queued; unfinished import tasks fail and release their image (a glance-direct image whose staged data
/// survived goes back to uploading, so it can be imported again; others to queued); temporary files of unfinished
/// writes and staged data no image is waiting for are removed. Nothing half-written ever looks finished.</summary>
public sealed class ImageDataRecovery(ImageDb db, ImageStores stores, TimeProvider time, ILogger<ImageDataRecovery> log)
{
    public async Task RunAsync(CancellationToken ct)
    {
        stores.EnsureDirectories();
        var now = time.GetUtcNow().UtcDateTime;
        var saving = await db.Images.Where(i => i.Status == ImageStatus.Saving && !i.Deleted)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImageStatus.Queued).SetProperty(i => i.Size, (long?)null)
                .SetProperty(i => i.VirtualSize, (long?)null).SetProperty(i => i.Version, i => i.Version + 1).SetProperty(i => i.UpdatedAt, now), ct);
        if (saving > 0) log.LogWarning("{Count} image upload(s) were interrupted; the images are queued again", saving);

        var unfinished = await db.Tasks.Where(t => t.Status == TaskStatuses.Pending || t.Status == TaskStatuses.Processing).ToListAsync(ct);
        foreach (var task in unfinished) await FailAsync(task.Id, now, ct);
        if (unfinished.Count > 0) log.LogWarning("{Count} image import(s) were interrupted and failed", unfinished.Count);

        var partial = stores.All.OfType<Stores.File.FileStore>().Sum(s => s.RemovePartialFiles()) + stores.Staging.RemovePartialFiles();
        if (partial > 0) log.LogWarning("Removed {Count} partial image file(s) left by interrupted writes", partial);

        // Data a store finished writing whose location was never recorded (killed between the two).
        foreach (var store in stores.All.OfType<Stores.File.FileStore>())
        {
            if (!Directory.Exists(store.Directory)) continue;
            foreach (var path in Directory.EnumerateFiles(store.Directory))
            {
                var url = "file://" + path;
                if (!await db.Locations.AnyAsync(l => l.Url == url && l.Status == "active", ct))
                {
                    log.LogWarning("Removing image data without a location: {Path}", path);
                    await store.DeleteAsync(url, ct);
                }
            }
        }

        if (Directory.Exists(stores.Staging.Directory))
        {
            var waiting = (await db.Images.Where(i => i.Status == ImageStatus.Uploading && !i.Deleted).Select(i => i.Id).ToListAsync(ct)).ToHashSet();
            foreach (var path in Directory.EnumerateFiles(stores.Staging.Directory))
                if (!waiting.Contains(Path.GetFileName(path)))
                    await stores.Staging.DeleteAsync("file://" + path, ct);
        }
    }

    private Task FailAsync(string taskId, DateTime now, CancellationToken ct) =>
        Transactions.RunAsync(db, async c =>
        {
            var task = await db.Tasks.AsTracking().FirstAsync(t => t.Id == taskId, c);
            task.Status = TaskStatuses.Failure;
            task.Message = "The import was interrupted by a restart of the image service.";
            task.UpdatedAt = now;
            task.ExpiresAt = now + TimeSpan.FromHours(48);
            var image = task.ImageId is null ? null
                : await db.Images.AsTracking().Include(i => i.Properties).FirstOrDefaultAsync(i => i.Id == task.ImageId && !i.Deleted, c);
            if (image is null || ImportProperties.Get(image, ImportProperties.ImportTask) != taskId) return;
            ImportProperties.Remove(db, image, ImportProperties.ImportTask);
            if (stores.MultiStore)
            {
                var left = ImportProperties.List(image, ImportProperties.ImportingToStores);
                ImportProperties.Edit(db, image, ImportProperties.ImportingToStores, remove: left);
                ImportProperties.Edit(db, image, ImportProperties.FailedImport, add: left);
            }
            if (image.Status == ImageStatus.Importing)
            {
                var staged = File.Exists(stores.Staging.PathOf(image.Id));
                image.Status = TaskView.Method(task) == ImageImporter.GlanceDirect && staged ? ImageStatus.Uploading : ImageStatus.Queued;
                if (image.Status == ImageStatus.Queued) image.Size = null;
            }
            image.Version++;
            image.UpdatedAt = now;
        }, ct);
}
