using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Storage;
using SharpStack.Core.Validation;
using SharpStack.Image.Configuration;
using SharpStack.Image.Images;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Tags;

/// <summary>Tags added and removed one at a time (Glance's image_tags controller): a set per image, at most [image]
/// image_tag_quota of them, each at most 255 characters.</summary>
public sealed class TagManager(ImageDb db, ImageLookup lookup, SharpStackConfig config, TimeProvider time)
{
    // The tags part of Glance's image schema; jsonschema.validate() with no $schema uses the newest draft and best_match.
    private static readonly JsonSchema TagSchema = JsonSchema.Parse("""
        {"type": "object", "properties": {"tags": {"type": "array", "items": {"type": "string", "maxLength": 255}}}}
        """, JsonSchemaOptions.Placement);

    /// <summary>400 for a tag the image schema refuses (Glance checks it before looking at the image).</summary>
    public static void Validate(string tag)
    {
        if (TagSchema.Validate(new JsonObject { ["tags"] = new JsonArray(tag) }) is { } error)
            throw ApiException.BadRequest("Provided object does not match schema 'image': " + error.VerboseMessage);
    }

    /// <summary>The image the caller may see, or 404 in the tags API's words.</summary>
    public async Task<ImageRow> FindImageAsync(ImageCaller caller, string imageId, CancellationToken ct)
    {
        try
        {
            return await lookup.GetVisibleAsync(caller, imageId, ct);
        }
        catch (ApiException e) when (e.Status == 404)
        {
            throw NotFound(imageId);
        }
    }

    /// <summary>Adds the tag (nothing happens when the image has it); 413 when the image would have more tags than
    /// the quota allows.</summary>
    public async Task AddAsync(ImageRow image, string tag, CancellationToken ct)
    {
        var tags = image.Tags.Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        tags.Add(tag);
        var quota = config.Get(ImageOptions.ImageTagQuota);
        if (quota >= 0 && tags.Count > quota)
            throw new ApiException(413, $"Image tag limit exceeded for image {image.Id}: The limit has been exceeded on the number of allowed image tags. Attempted: {tags.Count}, Maximum: {quota}:");
        try
        {
            await Transactions.RunAsync(db, async c =>
            {
                db.ChangeTracker.Clear();
                await TouchAsync(image.Id, c);
                if (!await db.Tags.AnyAsync(t => t.ImageId == image.Id && t.Value == tag, c))
                {
                    db.Tags.Add(new ImageTagRow { ImageId = image.Id, Value = tag });
                    await db.SaveChangesAsync(c);
                }
                return true;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Another request may have added the same tag at the same moment: then the set has it, as asked.
            db.ChangeTracker.Clear();
            if (!await db.Tags.AnyAsync(t => t.ImageId == image.Id && t.Value == tag, ct)) throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Removes the tag; a bare 404 when the image does not have it.</summary>
    public async Task RemoveAsync(ImageRow image, string tag, CancellationToken ct)
    {
        if (!image.Tags.Any(t => t.Value == tag)) throw ApiException.NotFound("The resource could not be found.");
        await Transactions.RunAsync(db, async c =>
        {
            await TouchAsync(image.Id, c);
            await db.Tags.Where(t => t.ImageId == image.Id && t.Value == tag).ExecuteDeleteAsync(c);
            return true;
        }, ct);
    }

    /// <summary>Saving the image moves its updated_at (and fails if it was deleted meanwhile).</summary>
    private async Task TouchAsync(string imageId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (await db.Images.Where(i => i.Id == imageId && !i.Deleted).ExecuteUpdateAsync(s => s.SetProperty(i => i.UpdatedAt, now), ct) == 0)
            throw NotFound(imageId);
    }

    private static ApiException NotFound(string imageId) => ApiException.NotFound($"Image {imageId} not found.");
}
