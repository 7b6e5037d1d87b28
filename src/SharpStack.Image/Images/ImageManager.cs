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

    /// <summary>Creates a queued image from a parsed create request (policy already checked), applying the
    /// legacy owner check, the tag quota, the factory's refusals and the property quota in Glance's order.</summary>
    public async Task<ImageRow> CreateAsync(ImageCaller caller, NewImage request, CancellationToken ct)
    {
        var owner = request.Has("owner") ? request.Text("owner") : caller.ProjectId;
        // Glance's check_admin_or_same_owner (legacy policy): python prints a null owner as None.
        if (!caller.IsAdmin && caller.ProjectId != owner)
            throw ApiException.Forbidden($"You are not permitted to create images owned by '{owner ?? "None"}'.");
        await quotas.EnforceImageCountTotalAsync(caller.ProjectId, ct);
        ImageRules.CheckTagQuota(request.Tags.Count, config.Get(ImageOptions.ImageTagQuota));
        request.CheckFactoryRules();
        // os_hash_algo/os_hash_value pass Glance's create checks as custom properties but are always shown
        // with the image's real (service-set) values, so they are counted and not stored.
        ImageRules.CheckPropertyQuota(ImageRules.CountedProperties(request.Extra.Select(p => p.Key)), config.Get(ImageOptions.ImagePropertyQuota));
        var minDisk = ImageRules.DbInt("min_disk", request.Attributes["min_disk"]);
        var minRam = ImageRules.DbInt("min_ram", request.Attributes["min_ram"]);
        var now = time.GetUtcNow().UtcDateTime;
        var image = new ImageRow
        {
            Id = request.Text("id") ?? Guid.NewGuid().ToString(),
            Name = request.Text("name"),
            Status = ImageStatus.Queued,
            Visibility = request.Text("visibility") ?? ImageVisibility.Shared,
            DiskFormat = request.Text("disk_format"),
            ContainerFormat = request.Text("container_format"),
            MinDisk = minDisk,
            MinRam = minRam,
            Protected = Bool(request.Attributes, "protected"),
            OsHidden = Bool(request.Attributes, "os_hidden"),
            Owner = owner,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var (key, value) in request.Extra)
        {
            if (key is "os_hash_algo" or "os_hash_value") continue;
            image.Properties.Add(new ImagePropertyRow { ImageId = image.Id, Name = key, Value = value is null ? "" : ImageRules.PyStr(value) });
        }
        foreach (var tag in request.Tags.Distinct(StringComparer.Ordinal))
            image.Tags.Add(new ImageTagRow { ImageId = image.Id, Value = tag });
        if (await db.Images.AnyAsync(i => i.Id == image.Id, ct)) throw Duplicate(image.Id);
        db.Images.Add(image);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw Duplicate(image.Id);
        }
        return image;
    }

    private static ApiException Duplicate(string id) => ApiException.Conflict($"Image ID {id} already exists!");

    /// <summary>POST actions/deactivate: active becomes deactivated; already deactivated is a no-op.</summary>
    public Task DeactivateAsync(ImageCaller caller, string id, CancellationToken ct) =>
        ChangeStatusAsync(caller, id, ImageStatus.Active, ImageStatus.Deactivated, "deactivate", ct);

    /// <summary>POST actions/reactivate: deactivated becomes active; already active is a no-op.</summary>
    public Task ReactivateAsync(ImageCaller caller, string id, CancellationToken ct) =>
        ChangeStatusAsync(caller, id, ImageStatus.Deactivated, ImageStatus.Active, "reactivate", ct);

    private async Task ChangeStatusAsync(ImageCaller caller, string id, string from, string to, string action, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var image = await db.Images.AsTracking().FirstOrDefaultAsync(i => i.Id == id && !i.Deleted, ct);
        if (image is null || !await lookup.IsVisibleAsync(caller, image, ct)) throw ImageLookup.NotFound(id);
        if (!caller.Owns(image.Owner)) throw ApiException.Forbidden("You do not own this image");
        if (image.Status == to) return;
        if (image.Status != from) throw ApiException.Forbidden($"Not allowed to {action} image in status '{image.Status}'");
        image.Status = to;
        image.UpdatedAt = time.GetUtcNow().UtcDateTime;
        image.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else changed the image meanwhile (Glance's save(from_state=...) fails likewise): judge again.
            await ChangeStatusAsync(caller, id, from, to, action, ct);
        }
    }

    /// <summary>Marks an image deleted (its row stays so the id is never reused) and returns it, with the
    /// locations whose data the caller must now remove from the stores.</summary>
    public async Task<ImageRow> DeleteAsync(ImageCaller caller, string id, CancellationToken ct)
    {
        // An upload or import may move the image's status (and Version) between our read and our write: read again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Transactions.RunAsync(db, c => MarkDeletedAsync(caller, id, c), ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
            }
        }
    }

    private async Task<ImageRow> MarkDeletedAsync(ImageCaller caller, string id, CancellationToken c)
    {
        db.ChangeTracker.Clear();
        var image = await lookup.GetVisibleAsync(caller, id, c, tracked: true);
        if (!caller.Owns(image.Owner)) throw ApiException.Forbidden("You are not permitted to delete this image.");
        if (image.Protected) throw ApiException.Forbidden($"Image {id} is protected and cannot be deleted.");
        // Images being uploaded or imported may be deleted too (as upstream); their staged data goes with the locations.
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
    }

    private static bool Bool(JsonObject body, string key) =>
        body[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
