using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Configuration;
using SharpStack.Core.Storage;
using SharpStack.Image.Configuration;
using SharpStack.Image.Data;
using SharpStack.Image.Images;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;
using SharpStack.Image.Stores;
using SharpStack.Image.Tasks;

namespace SharpStack.Image.Import;

/// <summary>One import task (Glance's api_image_import flow): bring the data into staging (already there for
/// glance-direct; downloaded for web-download; read from an existing store for copy-image), copy it to each target
/// store recording a location and the os_glance_* progress properties, then activate the image (not for
/// copy-image), drop the staged data, release the lock and finish the task. If nothing could be stored (or a store
/// failed and all_stores_must_succeed), new locations are removed and an importing image goes back to queued.</summary>
public sealed class ImportRunner(ImageDb db, ImageStores stores, WebDownloader web, SharpStackConfig config, TimeProvider time, ILogger<ImportRunner> log)
{
    private static readonly TimeSpan TaskTimeToLive = TimeSpan.FromHours(48);

    public async Task RunAsync(string taskId, CancellationToken ct)
    {
        var task = await db.Tasks.AsTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || task.Status != TaskStatuses.Pending || task.ImageId is null) return;
        task.Status = TaskStatuses.Processing;
        task.UpdatedAt = Now;
        await db.SaveChangesAsync(ct);

        var imageId = task.ImageId;
        var method = TaskView.Method(task);
        var request = JsonNode.Parse(task.Input)?["import_req"];
        var mustSucceed = request?["all_stores_must_succeed"] is not JsonValue m || !m.TryGetValue<bool>(out var b) || b;
        var names = TaskView.Backends(task);
        var targets = names.Count == 0 ? [stores.Default] : names.Select(n => stores.Find(n)).Where(s => s is not null).Select(s => s!).ToList();
        var added = new List<(IImageStore Store, string Url)>();
        string? failure = null;
        try
        {
            await StageAsync(method, imageId, request?["method"]?["uri"]?.GetValue<string>(), ct);
            foreach (var store in targets)
            {
                try
                {
                    var (url, data) = await CopyFromStagingAsync(store, imageId, ct);
                    if (!await RecordAsync(imageId, taskId, method, store, data))
                    {
                        await store.DeleteAsync(url, CancellationToken.None);
                        throw new ImportFailedException($"Image {imageId} could not be found after import.");
                    }
                    added.Add((store, url));
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    log.LogWarning("Import of image {ImageId} to store {Store} failed: {Message}", imageId, store.Id, e.Message);
                    await EditPropertiesAsync(imageId, taskId, image =>
                    {
                        if (!stores.MultiStore) return;
                        ImportProperties.Edit(db, image, ImportProperties.ImportingToStores, remove: [store.Id]);
                        ImportProperties.Edit(db, image, ImportProperties.FailedImport, add: [store.Id]);
                    });
                    failure ??= Describe(e);
                    if (mustSucceed) throw new ImportFailedException(failure);
                }
            }
            if (added.Count == 0) throw new ImportFailedException(failure ?? "No store accepted the image data.");
            await FinishAsync(task, imageId, method, null, []);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await FinishAsync(task, imageId, method, failure ?? Describe(e), mustSucceed ? added : []);
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static string Describe(Exception e) => e switch
    {
        ImageTooLargeException => "The incoming image is too large: The provided image is too large.",
        StorageFullException full => "Image storage media is full: " + full.Message,
        StoreAddDisabledException => "Error in store configuration. Adding images to store is disabled.",
        _ => e.Message,
    };

    /// <summary>Puts the image data in the staging area (glance-direct already did).</summary>
    private async Task StageAsync(string? method, string imageId, string? uri, CancellationToken ct)
    {
        var staged = stores.Staging.PathOf(imageId);
        if (method == ImageImporter.GlanceDirect)
        {
            if (!System.IO.File.Exists(staged)) throw new ImportFailedException($"Image {imageId} has no data on staging.");
            return;
        }
        await stores.Staging.DeleteAsync(stores.Staging.UrlOf(imageId), CancellationToken.None);
        var cap = config.Get(ImageOptions.ImageSizeCap);
        if (method == ImageImporter.WebDownload)
        {
            using var response = await web.GetAsync(uri ?? "", ct);
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var limited = new HashingStream(body, cap, config.Get(ImageOptions.HashingAlgorithm));
            await stores.Staging.AddAsync(imageId, limited, ct);
            return;
        }
        // copy-image: from the first store that has the data.
        var locations = await db.Locations.Where(l => l.ImageId == imageId && l.Status == "active").OrderBy(l => l.InternalId).ToListAsync(ct);
        foreach (var location in locations)
        {
            if (stores.ForLocation(location) is not { } source) continue;
            try
            {
                await using var data = await source.OpenAsync(location.Url, 0, ct);
                await stores.Staging.AddAsync(imageId, data, ct);
                return;
            }
            catch (FileNotFoundException)
            {
            }
        }
        throw new ImportFailedException($"Image {imageId} has no data to copy.");
    }

    private async Task<(string Url, StoredData Data)> CopyFromStagingAsync(IImageStore store, string imageId, CancellationToken ct)
    {
        await using var staged = await stores.Staging.OpenAsync(stores.Staging.UrlOf(imageId), 0, ct);
        using var hashing = new HashingStream(staged, config.Get(ImageOptions.ImageSizeCap), config.Get(ImageOptions.HashingAlgorithm));
        var url = await store.AddAsync(imageId, hashing, ct);
        return (url, new StoredData(url, hashing.BytesRead, hashing.Checksum(), hashing.Algorithm, hashing.HashValue()));
    }

    /// <summary>Records a store's new location; the first one of a (non copy) import activates the image.</summary>
    private Task<bool> RecordAsync(string imageId, string taskId, string? method, IImageStore store, StoredData data) =>
        EditPropertiesAsync(imageId, taskId, image =>
        {
            if (method != ImageImporter.CopyImage && image.Status == ImageStatus.Importing)
            {
                image.Status = ImageStatus.Active;
                image.Size = data.Size;
                image.Checksum = data.Checksum;
                image.OsHashAlgo = data.HashAlgorithm;
                image.OsHashValue = data.HashValue;
            }
            image.Locations.Add(new ImageLocationRow { ImageId = imageId, Url = data.Url, MetaData = stores.MetadataFor(store), Status = "active", CreatedAt = Now });
            if (stores.MultiStore) ImportProperties.Edit(db, image, ImportProperties.ImportingToStores, remove: [store.Id]);
        });

    /// <summary>Changes the image if it still exists and this task still holds its lock; false otherwise.</summary>
    private Task<bool> EditPropertiesAsync(string imageId, string taskId, Action<ImageRow> edit) =>
        Transactions.RunAsync(db, async c =>
        {
            var image = await db.Images.AsTracking().Include(i => i.Properties).Include(i => i.Locations).AsSplitQuery().FirstOrDefaultAsync(i => i.Id == imageId, c);
            if (image is null || image.Deleted || ImportProperties.Get(image, ImportProperties.ImportTask) != taskId) return false;
            edit(image);
            image.Version++;
            image.UpdatedAt = Now;
            return true;
        }, CancellationToken.None);

    /// <summary>Drops the staged data, releases the lock and records the outcome on the task.</summary>
    private async Task FinishAsync(TaskRow task, string imageId, string? method, string? failure, List<(IImageStore Store, string Url)> undo)
    {
        foreach (var (store, url) in undo) await store.DeleteAsync(url, CancellationToken.None);
        await stores.Staging.DeleteAsync(stores.Staging.UrlOf(imageId), CancellationToken.None);
        var urls = undo.Select(u => u.Url).ToHashSet();
        await EditPropertiesAsync(imageId, task.Id, image =>
        {
            ImportProperties.Remove(db, image, ImportProperties.ImportTask);
            foreach (var l in image.Locations.Where(l => urls.Contains(l.Url)).ToList())
            {
                image.Locations.Remove(l);
                db.Locations.Remove(l);
            }
            if (failure is null) return;
            if (stores.MultiStore)
            {
                var left = ImportProperties.List(image, ImportProperties.ImportingToStores);
                ImportProperties.Edit(db, image, ImportProperties.ImportingToStores, remove: left);
                ImportProperties.Edit(db, image, ImportProperties.FailedImport, add: left);
            }
            if (method != ImageImporter.CopyImage && (image.Status == ImageStatus.Importing || image.Locations.All(l => l.Status != "active")))
            {
                image.Status = ImageStatus.Queued;
                image.Size = null;
                image.VirtualSize = null;
                image.Checksum = null;
                image.OsHashAlgo = null;
                image.OsHashValue = null;
            }
        });
        var now = Now;
        db.ChangeTracker.Clear();
        var row = await db.Tasks.AsTracking().FirstAsync(t => t.Id == task.Id, CancellationToken.None);
        row.Status = failure is null ? TaskStatuses.Success : TaskStatuses.Failure;
        row.Message = failure ?? "";
        row.Result = failure is null ? new JsonObject { ["image_id"] = imageId }.ToJsonString() : null;
        row.UpdatedAt = now;
        row.ExpiresAt = now + TaskTimeToLive;
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
