using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Image.Api.Http;
using SharpStack.Image.Configuration;
using SharpStack.Image.Images;
using SharpStack.Image.Policies;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;
using SharpStack.Image.Stores;
using SharpStack.Image.Tasks;

namespace SharpStack.Image.Import;

/// <summary>POST /v2/images/{id}/import (Glance's ImagesController.import_image): validates the request as upstream,
/// takes the image's import lock, records the task and hands it to the background <see cref="ImportWorker"/>.</summary>
public sealed class ImageImporter(ImageDb db, ImageLookup lookup, ImageStores stores, ImageAuthorizer authz, ImportUriFilter filter,
    ImportQueue queue, SharpStackConfig config, TimeProvider time)
{
    public const string GlanceDirect = "glance-direct";
    public const string WebDownload = "web-download";
    public const string CopyImage = "copy-image";

    public async Task StartAsync(HttpContext context, string id, JsonObject body)
    {
        var ct = context.RequestAborted;
        var (method, uri, allStores, mustSucceed) = Validate(body);
        var caller = ImageCaller.From(context, authz);
        var image = await lookup.GetVisibleAsync(caller, id, ct);

        if (image.Status == ImageStatus.Active && method != CopyImage) throw ApiException.Conflict("Image with status active cannot be target for import");
        if (image.Status != ImageStatus.Active && method == CopyImage) throw ApiException.Conflict("Only images with status active can be targeted for copying");
        if (image.Status != ImageStatus.Queued && method == WebDownload) throw ApiException.Conflict($"Image needs to be in 'queued' state to use '{method}' method");
        if (image.Status != ImageStatus.Uploading && method == GlanceDirect) throw ApiException.Conflict("Image needs to be staged before 'glance-direct' method can be used");
        if (string.IsNullOrEmpty(image.ContainerFormat)) throw ApiException.Conflict("'container_format' needs to be set before import");
        if (string.IsNullOrEmpty(image.DiskFormat)) throw ApiException.Conflict("'disk_format' needs to be set before import");

        if (method == CopyImage) authz.Enforce(context, ImagePolicyNames.CopyImage, ImageTarget.For(image));
        else
        {
            authz.Enforce(context, ImagePolicyNames.ModifyImage, ImageTarget.For(image));
            if (!caller.Owns(image.Owner)) throw ApiException.Forbidden("You do not own this image");
        }

        TaskRow? stale = null;
        if (ImportProperties.Get(image, ImportProperties.ImportTask) is { } holder)
        {
            stale = await db.Tasks.AsTracking().FirstOrDefaultAsync(t => t.Id == holder, ct);
            if (stale is { Status: TaskStatuses.Pending or TaskStatuses.Processing }) throw ApiException.Conflict("Image has active task");
        }

        List<string?> targets = [null];
        if (stores.MultiStore)
        {
            targets = [.. StoresFromRequest(context, body, allStores)];
            foreach (var s in targets)
                if (stores.Find(s!) is null) throw ApiException.Conflict($"Unknown scheme '{s}' found in URI");
            var present = image.Locations.Where(l => l.Status == "active").Select(ImageView.StoreOf).ToHashSet();
            if (method == CopyImage && allStores)
            {
                targets.RemoveAll(present.Contains);
                if (targets.Count == 0) return;
            }
            if (method == CopyImage && !allStores && targets.FirstOrDefault(present.Contains) is { } already)
                throw ApiException.BadRequest($"Image is already present at store '{already}'");
        }
        if (!mustSucceed && !stores.MultiStore)
            throw ApiException.BadRequest($"All_stores_must_succeed can only be set with enabled_backends {uri ?? "None"}");
        if (method == WebDownload && await filter.ResolveAsync(uri, ct) is null)
            throw ApiException.BadRequest($"URI for web-download does not pass filtering: {uri ?? "None"}");

        var now = time.GetUtcNow().UtcDateTime;
        var backend = new JsonArray();
        foreach (var s in targets) backend.Add(s);
        var task = new TaskRow
        {
            Id = Guid.NewGuid().ToString(),
            Type = TaskView.ApiImageImport,
            Status = TaskStatuses.Pending,
            Owner = caller.ProjectId,
            ImageId = image.Id,
            UserId = caller.Auth.UserId,
            RequestId = RequestIds.Get(context),
            Input = new JsonObject { ["image_id"] = image.Id, ["import_req"] = body.DeepClone(), ["backend"] = backend }.ToJsonString(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await LockAsync(image, task, stale, targets.Where(t => t is not null).Select(t => t!).ToList(), method, ct);
        queue.Enqueue(task.Id);
    }

    /// <summary>Takes the import lock, records the task and marks the image importing, in one transaction guarded
    /// by the image's version: a concurrent import or upload makes this one fail with upstream's 409.</summary>
    private async Task LockAsync(ImageRow read, TaskRow task, TaskRow? stale, List<string> targets, string method, CancellationToken ct)
    {
        try
        {
            db.ChangeTracker.Clear();
            var image = await db.Images.AsTracking().Include(i => i.Properties).FirstAsync(i => i.Id == read.Id, ct);
            if (image.Version != read.Version || image.Deleted) throw new DbUpdateConcurrencyException();
            ImportProperties.Set(db, image, ImportProperties.ImportTask, task.Id);
            if (stale is not null)
            {
                var old = TaskView.Backends(stale);
                ImportProperties.Edit(db, image, ImportProperties.ImportingToStores, remove: old);
                ImportProperties.Edit(db, image, ImportProperties.FailedImport, remove: old);
            }
            if (method != CopyImage) image.Status = ImageStatus.Importing;
            ImportProperties.Set(db, image, ImportProperties.ImportingToStores, string.Join(",", targets.Order(StringComparer.Ordinal)));
            ImportProperties.Edit(db, image, ImportProperties.FailedImport, remove: targets);
            image.Version++;
            image.UpdatedAt = task.CreatedAt;
            db.Tasks.Add(task);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ApiException.Conflict($"New operation on image '{read.Id}' is not permitted as prior operation is still in progress");
        }
    }

    private (string Method, string? Uri, bool AllStores, bool MustSucceed) Validate(JsonObject body)
    {
        if (!body.TryGetPropertyValue("method", out var methodNode)) throw ApiException.BadRequest("Import request requires a 'method' field.");
        if (methodNode is not JsonObject method || !method.TryGetPropertyValue("name", out var nameNode))
            throw ApiException.BadRequest("Import request requires a 'name' field.");
        var name = nameNode is JsonValue v && v.TryGetValue<string>(out var s) ? s : nameNode?.ToJsonString() ?? "None";
        if (!config.Get(ImageOptions.EnabledImportMethods).Contains(name)) throw ApiException.BadRequest($"Unknown import method name '{name}'.");
        var mustSucceed = true;
        if (body.TryGetPropertyValue("all_stores_must_succeed", out var m))
        {
            if (m is not JsonValue mv || !mv.TryGetValue<bool>(out mustSucceed)) throw ApiException.BadRequest("'all_stores_must_succeed' must be boolean value only");
        }
        var allStores = false;
        if (body.TryGetPropertyValue("all_stores", out var a))
        {
            if (a is not JsonValue av || !av.TryGetValue<bool>(out allStores)) throw ApiException.BadRequest("'all_stores' must be boolean value only");
        }
        var uri = method["uri"] is JsonValue u && u.TryGetValue<string>(out var us) ? us : null;
        if (name is not (GlanceDirect or WebDownload or CopyImage)) throw ApiException.BadRequest($"Unknown import method name '{name}'.");
        return (name, uri, allStores, mustSucceed);
    }

    /// <summary>Glance's get_stores_from_request: all_stores (every writable store), the body's stores, or the header.</summary>
    private IEnumerable<string> StoresFromRequest(HttpContext context, JsonObject body, bool allStores)
    {
        var header = context.Request.Headers[Api.ImageDataApi.StoreHeader].ToString();
        if (allStores)
        {
            if (body.ContainsKey("stores") || header.Length > 0)
                throw ApiException.BadRequest("All_stores parameter can't be used with x-image-meta-store header or stores parameter");
            return stores.All.Where(s => !s.IsReadOnly).Select(s => s.Id);
        }
        if (body["stores"] is JsonNode list)
        {
            if (header.Length > 0) throw ApiException.BadRequest("Stores parameter and x-image-meta-store header can't be both specified");
            if (list is not JsonArray array) throw ApiException.BadRequest("'stores' must be a list of store ids");
            return array.Select(n => n is JsonValue sv && sv.TryGetValue<string>(out var id) ? id : n?.ToJsonString() ?? "None").ToList();
        }
        return [header.Length > 0 ? header : stores.Default.Id];
    }
}

/// <summary>Task statuses, as upstream spells them.</summary>
public static class TaskStatuses
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Success = "success";
    public const string Failure = "failure";

    public static readonly IReadOnlyList<string> All = [Pending, Processing, Success, Failure];
}
