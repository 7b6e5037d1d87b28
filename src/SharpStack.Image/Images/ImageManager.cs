using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Image.Configuration;
using SharpStack.Image.Quotas;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Images;

/// <summary>The image record's rules (Glance's ImageFactory and ImageRepo): creation with upstream's defaults and
/// refusals, deletion of unprotected images.</summary>
public sealed class ImageManager(ImageDb db, ImageLookup lookup, SharpStackConfig config, TimeProvider time, ImageQuotas quotas)
{
    /// <summary>Attributes only the service sets (Glance's _readonly_properties).</summary>
    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "created_at", "updated_at", "status", "checksum", "os_hash_algo", "os_hash_value", "size", "virtual_size",
    };

    /// <summary>Names no image may carry as a property (Glance's _reserved_properties).</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal) { "location", "deleted", "deleted_at" };

    /// <summary>Attributes stored in columns rather than as custom properties.</summary>
    public static readonly IReadOnlySet<string> Base = new HashSet<string>(StringComparer.Ordinal)
    {
        "checksum", "created_at", "container_format", "disk_format", "id", "min_disk", "min_ram", "name", "size",
        "virtual_size", "status", "tags", "owner", "updated_at", "visibility", "protected", "os_hidden",
        "os_hash_algo", "os_hash_value",
    };

    /// <summary>The prefix of properties only the service may set (os_glance_import_task, …).</summary>
    public const string ReservedNamespace = "os_glance";

    /// <summary>Creates a queued image from a validated create body (core attributes, custom properties, tags).</summary>
    public async Task<ImageRow> CreateAsync(ImageCaller caller, JsonObject body, CancellationToken ct)
    {
        foreach (var key in body.Select(p => p.Key))
        {
            if (ReadOnly.Contains(key)) throw ApiException.Forbidden($"Attribute '{key}' is read-only.");
            if (Reserved.Contains(key) || key.StartsWith(ReservedNamespace, StringComparison.Ordinal))
                throw ApiException.Forbidden($"Attribute '{key}' is reserved.");
        }
        var owner = Text(body, "owner") ?? caller.ProjectId;
        if (body.ContainsKey("owner") && !caller.IsAdmin && owner != caller.ProjectId)
            throw ApiException.Forbidden($"You are not permitted to create images owned by '{owner}'.");
        await quotas.EnforceImageCountTotalAsync(caller.ProjectId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var image = new ImageRow
        {
            Id = Text(body, "id") ?? Guid.NewGuid().ToString(),
            Name = Text(body, "name"),
            Status = ImageStatus.Queued,
            Visibility = Text(body, "visibility") ?? ImageVisibility.Shared,
            DiskFormat = Text(body, "disk_format"),
            ContainerFormat = Text(body, "container_format"),
            MinDisk = Int(body, "min_disk"),
            MinRam = Int(body, "min_ram"),
            Protected = Bool(body, "protected"),
            OsHidden = Bool(body, "os_hidden"),
            Owner = owner,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var (key, value) in body)
        {
            if (Base.Contains(key)) continue;
            if (key.Length > 255) throw ApiException.BadRequest("Custom property should not be greater than 255 characters.");
            image.Properties.Add(new ImagePropertyRow { ImageId = image.Id, Name = key, Value = value?.GetValue<string>() ?? "" });
        }
        var quota = config.Get(ImageOptions.ImagePropertyQuota);
        if (quota >= 0 && image.Properties.Count > quota)
            throw new ApiException(413, $"Maximum number of image properties exceeded: {image.Properties.Count} properties, quota is {quota}.", "Request Entity Too Large");
        if (body["tags"] is JsonArray tags)
        {
            foreach (var tag in tags.Select(t => t!.GetValue<string>()).Distinct(StringComparer.Ordinal))
                image.Tags.Add(new ImageTagRow { ImageId = image.Id, Value = tag });
            var tagQuota = config.Get(ImageOptions.ImageTagQuota);
            if (tagQuota >= 0 && image.Tags.Count > tagQuota)
                throw new ApiException(413, $"Maximum number of tags exceeded: {image.Tags.Count} tags, quota is {tagQuota}.", "Request Entity Too Large");
        }
        if (await db.Images.AnyAsync(i => i.Id == image.Id, ct))
            throw ApiException.Conflict($"An image with identifier {image.Id} already exists");
        db.Images.Add(image);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw ApiException.Conflict($"An image with identifier {image.Id} already exists");
        }
        return image;
    }

    /// <summary>Marks an image deleted (its row stays so the id is never reused) and returns it, with the
    /// locations whose data the caller must now remove from the stores.</summary>
    public async Task<ImageRow> DeleteAsync(ImageCaller caller, string id, CancellationToken ct)
    {
        return await Transactions.RunAsync(db, async c =>
        {
            db.ChangeTracker.Clear();
            var image = await lookup.GetVisibleAsync(caller, id, c, tracked: true);
            if (!caller.Owns(image.Owner)) throw ApiException.Forbidden("You are not permitted to delete this image.");
            if (image.Protected) throw ApiException.Forbidden($"Image {id} is protected and cannot be deleted.");
            if (image.Status is ImageStatus.Uploading or ImageStatus.Importing)
            {
                // Glance allows it; the staged data is dropped by the caller with the locations.
            }
            var now = time.GetUtcNow().UtcDateTime;
            image.Status = ImageStatus.Deleted;
            image.Deleted = true;
            image.DeletedAt = now;
            image.UpdatedAt = now;
            image.Version++;
            foreach (var l in image.Locations) l.Status = "deleted";
            db.Members.RemoveRange(await db.Members.Where(m => m.ImageId == id).ToListAsync(c));
            await db.SaveChangesAsync(c);
            return image;
        }, ct);
    }

    private static string? Text(JsonObject body, string key) =>
        body[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int Int(JsonObject body, string key) =>
        body[key] is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;

    private static bool Bool(JsonObject body, string key) =>
        body[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
