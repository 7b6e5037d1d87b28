using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Auth.Remote;
using SharpStack.Core.Errors;
using SharpStack.Image.Images;
using SharpStack.Image.Storage;

namespace SharpStack.Image.Quotas;

/// <summary>The per-project quotas Glance (Zed) enforces, with its errors: with [image] use_keystone_limits, the
/// unified limits image_count_total, image_size_total, image_stage_total and image_count_uploading read from Identity
/// (413 "The request returned a 413 Request Entity Too Large. …Project P is over a limit for [Resource …]");
/// otherwise the static [image] user_storage_quota on stored bytes (413 "Image exceeds the storage quota: …").
/// Each check counts the project that is asking (Glance's context.owner), not the image's owner.
/// <para>Where each check belongs (Glance's order):</para>
/// <list type="bullet">
/// <item>POST /v2/images: <see cref="EnforceImageCountTotalAsync"/> after the add_image policy, before the image is
/// made (wired in <see cref="ImageManager.CreateAsync"/>).</item>
/// <item>PUT /v2/images/{id}/file: first <see cref="EnforceImageSizeTotalAsync"/> (delta 0, before even finding the
/// image); then, once the image moved queued → saving, <see cref="EnforceImageCountUploadingAsync"/> (on 413 put
/// the image back to queued); then, just before writing, <see cref="CheckStorageQuotaAsync"/> with the declared size
/// (Content-Length, null when chunked): it returns the bytes still allowed, or null for no limit, and the writer must
/// stop with <see cref="StorageQuotaFullWhileWriting"/> once more than that many bytes arrive; after the data is
/// stored, call <see cref="CheckStorageQuotaAsync"/> again with the final size and, on 413, delete the data and put
/// the image back to queued (Glance's recheck for concurrent uploads).</item>
/// <item>PUT /v2/images/{id}/stage: first <see cref="EnforceImageStageTotalAsync"/> (delta 0); then, once the image
/// moved queued → uploading, <see cref="EnforceImageCountUploadingAsync"/>.</item>
/// <item>POST /v2/images/{id}/import: <see cref="EnforceImageSizeTotalAsync"/> (delta 0) before anything else about
/// the method; in the import task: glance-direct <see cref="EnforceImageSizeTotalAsync"/> with delta = the image's
/// size in MiB before copying from staging; web-download, copy-image and glance-download
/// <see cref="EnforceImageStageTotalAsync"/> with delta = size in MiB before downloading into staging and
/// <see cref="EnforceImageSizeTotalAsync"/> with that delta before storing.</item>
/// <item>GET /v2/info/usage: <see cref="UsageAsync"/>.</item>
/// </list></summary>
public sealed class ImageQuotas(ImageDb db, ImageQuotaSettings settings, UnifiedLimitsClient limits, ILogger<ImageQuotas> log)
{
    public const string ImageSizeTotal = "image_size_total";
    public const string ImageStageTotal = "image_stage_total";
    public const string ImageCountTotal = "image_count_total";
    public const string ImageCountUploading = "image_count_uploading";

    /// <summary>The property that marks an image being copied to more stores (its staged data counts).</summary>
    public const string ImportingToStores = "os_glance_importing_to_stores";

    private const long MiB = 1024 * 1024;
    private static readonly string[] UploadingStatuses = [ImageStatus.Saving, ImageStatus.Uploading, ImageStatus.Importing];
    private static readonly string[] StagingStatuses = [ImageStatus.Uploading, ImageStatus.Importing];

    /// <summary>Whether the unified limits apply (then user_storage_quota is ignored, as upstream).</summary>
    public bool UsesKeystoneLimits => settings.UseKeystoneLimits;

    /// <summary>image_count_total: one more non-deleted image owned by the project.</summary>
    public Task EnforceImageCountTotalAsync(string? projectId, CancellationToken ct) =>
        EnforceAsync(projectId, ImageCountTotal, 1, () => CountTotalAsync(projectId, ct), ct);

    /// <summary>image_size_total: the project's stored data (MiB) plus <paramref name="deltaMiB"/>.</summary>
    public Task EnforceImageSizeTotalAsync(string? projectId, CancellationToken ct, long deltaMiB = 0) =>
        EnforceAsync(projectId, ImageSizeTotal, deltaMiB, async () => await StoredBytesAsync(projectId, null, ct) / MiB, ct);

    /// <summary>image_stage_total: the project's staged data (MiB) plus <paramref name="deltaMiB"/>.</summary>
    public Task EnforceImageStageTotalAsync(string? projectId, CancellationToken ct, long deltaMiB = 0) =>
        EnforceAsync(projectId, ImageStageTotal, deltaMiB, async () => await StagedBytesAsync(projectId, ct) / MiB, ct);

    /// <summary>image_count_uploading with delta 0 (the image being uploaded already counts): fails only when the
    /// project is already over its limit.</summary>
    public Task EnforceImageCountUploadingAsync(string? projectId, CancellationToken ct) =>
        EnforceAsync(projectId, ImageCountUploading, 0, () => CountUploadingAsync(projectId, ct), ct);

    /// <summary>The legacy user_storage_quota check (Glance's check_quota; a no-op with unified limits or no quota):
    /// the bytes the project may still store with <paramref name="imageId"/>'s own data left out, or null when
    /// unlimited. Refuses (413) a known <paramref name="size"/> larger than that, and an unknown size when nothing
    /// is left.</summary>
    public async Task<long?> CheckStorageQuotaAsync(string? projectId, string imageId, long? size, CancellationToken ct)
    {
        if (settings.UseKeystoneLimits || settings.UserStorageQuota is not { } quota) return null;
        var remaining = quota - await StoredBytesAsync(projectId, imageId, ct);
        if (size is null ? remaining <= 0 : size > remaining)
        {
            log.LogWarning("Project {Project} attempted to store {Size} bytes, exceeding the storage quota; {Remaining} bytes remaining.",
                projectId, size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown number of", remaining);
            throw StorageQuotaFull(size, remaining);
        }
        return remaining;
    }

    /// <summary>413 for data that does not fit the storage quota.</summary>
    public static ApiException StorageQuotaFull(long? size, long remaining) =>
        new(413, $"Image exceeds the storage quota: The size of the data {(size is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : "None")} will exceed the limit. {remaining} bytes remaining.");

    /// <summary>413 for a stream that went past the remaining quota while being written (Glance raises it without
    /// values, so its message keeps the placeholders).</summary>
    public static ApiException StorageQuotaFullWhileWriting() =>
        new(413, "Image exceeds the storage quota: The size of the data %(image_size)s will exceed the limit. %(remaining)s bytes remaining.");

    /// <summary>GET /v2/info/usage: each unified limit's usage and limit for the project; empty without unified limits.</summary>
    public async Task<IReadOnlyDictionary<string, (long Usage, long Limit)>> UsageAsync(string projectId, CancellationToken ct)
    {
        if (!settings.UseKeystoneLimits) return new Dictionary<string, (long, long)>();
        string[] names = [ImageSizeTotal, ImageStageTotal, ImageCountTotal, ImageCountUploading];
        var limitsOf = await ReadLimitsAsync(projectId, names, ct);
        return new Dictionary<string, (long, long)>(StringComparer.Ordinal)
        {
            [ImageSizeTotal] = (await StoredBytesAsync(projectId, null, ct) / MiB, limitsOf[ImageSizeTotal]),
            [ImageStageTotal] = (await StagedBytesAsync(projectId, ct) / MiB, limitsOf[ImageStageTotal]),
            [ImageCountTotal] = (await CountTotalAsync(projectId, ct), limitsOf[ImageCountTotal]),
            [ImageCountUploading] = (await CountUploadingAsync(projectId, ct), limitsOf[ImageCountUploading]),
        };
    }

    private async Task EnforceAsync(string? projectId, string resource, long delta, Func<Task<long>> usage, CancellationToken ct)
    {
        if (!settings.UseKeystoneLimits) return;
        var limit = (await ReadLimitsAsync(projectId, [resource], ct))[resource];
        var current = await usage();
        if (current + delta > limit)
        {
            var project = projectId ?? "None";
            throw new ApiException(413, "The request returned a 413 Request Entity Too Large. This generally means that rate limiting or a quota " +
                $"threshold was breached.\n\nThe response body:\nProject {project} is over a limit for [Resource {resource} is over limit of {limit} due to current usage {current} and delta {delta}]");
        }
    }

    private async Task<IReadOnlyDictionary<string, long>> ReadLimitsAsync(string? projectId, IReadOnlyCollection<string> resources, CancellationToken ct)
    {
        try
        {
            return await limits.LimitsAsync(projectId, resources, ct);
        }
        catch (Exception e) when (e is IdentityUnavailableException or HttpRequestException)
        {
            log.LogError("Could not read unified limits from Identity: {Message}", e.Message);
            throw new ApiException(503, "The image service could not read its quotas from the Identity service: " + e.Message);
        }
    }

    /// <summary>Glance's user_get_storage_usage: size × live locations of the project's images that are neither
    /// killed nor deleted, optionally leaving one image out.</summary>
    private async Task<long> StoredBytesAsync(string? projectId, string? exceptImageId, CancellationToken ct)
    {
        var rows = await db.Images
            .Where(i => i.Owner == projectId && i.Size > 0 && i.Status != ImageStatus.Killed && i.Status != ImageStatus.Deleted && !i.Deleted)
            .Where(i => exceptImageId == null || i.Id != exceptImageId)
            .Select(i => new { Size = i.Size!.Value, Copies = i.Locations.Count(l => l.Status != "deleted") })
            .ToListAsync(ct);
        return rows.Sum(r => r.Size * r.Copies);
    }

    /// <summary>Glance's user_get_staging_usage: sizes of images being staged or imported, and of images being
    /// copied to more stores.</summary>
    private async Task<long> StagedBytesAsync(string? projectId, CancellationToken ct)
    {
        var sizes = await db.Images
            .Where(i => i.Owner == projectId && i.Size > 0 && !i.Deleted)
            .Where(i => StagingStatuses.Contains(i.Status)
                || (i.Status != ImageStatus.Killed && i.Status != ImageStatus.Deleted
                    && i.Properties.Any(p => p.Name == ImportingToStores && p.Value != "")))
            .Select(i => i.Size!.Value)
            .ToListAsync(ct);
        return sizes.Sum();
    }

    /// <summary>Glance's user_get_image_count: the project's images that are neither killed nor deleted.</summary>
    private async Task<long> CountTotalAsync(string? projectId, CancellationToken ct) =>
        await db.Images.LongCountAsync(i => i.Owner == projectId && i.Status != ImageStatus.Killed && i.Status != ImageStatus.Deleted && !i.Deleted, ct);

    /// <summary>Glance's user_get_uploading_count: images being uploaded, staged or imported, and images being
    /// copied to more stores.</summary>
    private async Task<long> CountUploadingAsync(string? projectId, CancellationToken ct) =>
        await db.Images.LongCountAsync(i => i.Owner == projectId && !i.Deleted
            && (UploadingStatuses.Contains(i.Status)
                || (i.Status != ImageStatus.Killed && i.Status != ImageStatus.Deleted
                    && i.Properties.Any(p => p.Name == ImportingToStores && p.Value != ""))), ct);
}

/// <summary>The quota settings, read and checked once at start.</summary>
public sealed record ImageQuotaSettings(bool UseKeystoneLimits, long? UserStorageQuota);
