using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Image.Configuration;
using SharpStack.Image.Policies;
using SharpStack.Image.Storage;
using SharpStack.Image.Storage.Entities;

namespace SharpStack.Image.Images;

/// <summary>Applies a PATCH's changes to an image as Glance's ImagesController.update does: per change the policy
/// (visibility, then modify_image and the owner check), then the attribute or custom property rules; quotas and
/// the save at the end. A concurrent change to the same image makes the whole patch run again on the new state.</summary>
public sealed class ImageUpdater(ImageDb db, ImageLookup lookup, SharpStackConfig config, TimeProvider time)
{
    /// <summary>Attributes a PATCH sets as columns; any other path is a custom property.</summary>
    private static readonly HashSet<string> Attributes =
        ["name", "visibility", "protected", "os_hidden", "min_ram", "min_disk", "owner", "disk_format", "container_format", "tags"];

    /// <summary>Attributes that exist but cannot be set (remove answers "may not be removed").</summary>
    private static readonly HashSet<string> Fixed = ["locations", "checksum", "size", "virtual_size", "status", "os_hash_algo", "os_hash_value", "created_at", "updated_at", "id"];

    private const int MaxAttempts = 20;

    /// <param name="enforce">Checks a policy rule against the image target (throws 403).</param>
    public async Task<ImageRow> UpdateAsync(ImageCaller caller, string id, IReadOnlyList<ImageChange> changes,
        Action<string, IReadOnlyDictionary<string, object?>> enforce, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var image = await lookup.GetVisibleAsync(caller, id, ct, tracked: true);
            var before = image.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var change in changes) Apply(caller, image, change, enforce);
            if (changes.Count == 0) return image;
            if (image.Properties.Any(p => !before.Contains(p.Name)))
                ImageRules.CheckPropertyQuota(ImageRules.CountedProperties(image.Properties.Select(p => p.Name)), config.Get(ImageOptions.ImagePropertyQuota));
            image.UpdatedAt = time.GetUtcNow().UtcDateTime;
            image.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
                return image;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another request saved the image (or the same new property) first: apply the changes to what it
                // saved, after a short random pause so that a crowd of writers does not collide again in lockstep.
                await Task.Delay(Random.Shared.Next(1, 10 * (attempt + 1)), ct);
            }
            catch (DbUpdateException)
            {
                throw ApiException.Conflict($"Image {id} is being changed by other requests; try again.");
            }
        }
    }

    private void Apply(ImageCaller caller, ImageRow image, ImageChange change, Action<string, IReadOnlyDictionary<string, object?>> enforce)
    {
        var root = change.Root;
        if (root == "locations")
        {
            ApplyLocations(image, change, enforce);
            return;
        }
        if (change.Op == "replace" && root == "owner" && !caller.IsAdmin) throw ApiException.Forbidden("Owner can't be updated by non admin.");
        // Glance's update_property: a visibility change has its own rule, then modify_image and the owner check.
        if (root == "visibility")
        {
            var visibility = change.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (visibility == ImageVisibility.Public) enforce(ImagePolicyNames.PublicizeImage, ImageTarget.For(image));
            else if (visibility == ImageVisibility.Community) enforce(ImagePolicyNames.CommunitizeImage, ImageTarget.For(image));
        }
        enforce(ImagePolicyNames.ModifyImage, ImageTarget.For(image));
        if (!caller.Owns(image.Owner)) throw ApiException.Forbidden("You do not own this image");

        var property = image.Properties.FirstOrDefault(p => p.Name == root);
        var isAttribute = Attributes.Contains(root) || Fixed.Contains(root);
        switch (change.Op)
        {
            case "remove":
                if (isAttribute) throw ApiException.Forbidden($"Property {root} may not be removed.");
                if (property is null) throw ApiException.Conflict($"Property {root} does not exist.");
                image.Properties.Remove(property);
                break;
            case "add" when change.Draft == 4 && (isAttribute || property is not null):
                throw ApiException.Conflict($"Property {root} already present.");
            case "replace" when !isAttribute && property is null:
                throw ApiException.Conflict($"Property {root} does not exist.");
            default:
                if (Attributes.Contains(root)) SetAttribute(image, root, change.Value);
                else if (property is not null) property.Value = Text(change.Value);
                else image.Properties.Add(new ImagePropertyRow { ImageId = image.Id, Name = root, Value = Text(change.Value) });
                break;
        }
    }

    private void SetAttribute(ImageRow image, string name, JsonNode? value)
    {
        switch (name)
        {
            case "name": image.Name = Text(value, null); break;
            case "visibility": image.Visibility = Text(value); break;
            case "protected": image.Protected = value!.GetValue<bool>(); break;
            case "os_hidden": image.OsHidden = value!.GetValue<bool>(); break;
            case "owner": image.Owner = Text(value, null); break;
            case "min_ram":
                ImageRules.CheckNotNegative("min_ram", value);
                image.MinRam = ImageRules.DbInt("min_ram", value);
                break;
            case "min_disk":
                ImageRules.CheckNotNegative("min_disk", value);
                image.MinDisk = ImageRules.DbInt("min_disk", value);
                break;
            case "disk_format":
                CheckFormatChange(image, name);
                image.DiskFormat = Text(value, null);
                break;
            case "container_format":
                CheckFormatChange(image, name);
                image.ContainerFormat = Text(value, null);
                break;
            case "tags":
                var tags = ((JsonArray)value!).Select(t => t!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList();
                ImageRules.CheckTagQuota(tags.Count, config.Get(ImageOptions.ImageTagQuota));
                image.Tags.RemoveAll(t => !tags.Contains(t.Value));
                foreach (var tag in tags.Where(t => image.Tags.All(x => x.Value != t)))
                    image.Tags.Add(new ImageTagRow { ImageId = image.Id, Value = tag });
                break;
        }
    }

    /// <summary>Glance's disk_format/container_format setters: only while the image has no data yet.</summary>
    private static void CheckFormatChange(ImageRow image, string name)
    {
        if (image.Status is not (ImageStatus.Queued or ImageStatus.Importing))
            throw ApiException.Forbidden($"Attribute {name} can be only replaced for a queued image.");
    }

    /// <summary>Location changes. They are allowed only with show_multiple_locations, which needs the stores to
    /// validate URLs; this cloud does not edit locations yet, so every location change is refused.</summary>
    private static void ApplyLocations(ImageRow image, ImageChange change, Action<string, IReadOnlyDictionary<string, object?>> enforce)
    {
        switch (change.Op)
        {
            case "replace":
                if (change.Value is not JsonArray { Count: > 0 }) throw ApiException.Forbidden("Cannot set locations to empty list.");
                enforce(ImagePolicyNames.SetImageLocation, ImageTarget.For(image));
                throw ApiException.Forbidden("It's not allowed to update locations if locations are invisible.");
            case "add":
                enforce(ImagePolicyNames.SetImageLocation, ImageTarget.For(image));
                throw ApiException.Forbidden("It's not allowed to add locations if locations are invisible.");
            default:
                enforce(ImagePolicyNames.DeleteImageLocation, ImageTarget.For(image));
                throw ApiException.Forbidden("It's not allowed to remove locations if locations are invisible.");
        }
    }

    private static string Text(JsonNode? value) => Text(value, "")!;

    private static string? Text(JsonNode? value, string? whenNull) => value is null ? whenNull : ImageRules.PyStr(value);
}
