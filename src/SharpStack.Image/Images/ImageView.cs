using System.Globalization;
using System.Text.Json.Nodes;
using SharpStack.Image.Configuration;
using SharpStack.Image.Storage.Entities;
using SharpStack.Core.Configuration;

namespace SharpStack.Image.Images;

/// <summary>Renders an image as Glance v2 shows it: core attributes (null when unset), custom properties at the top
/// level, tags, the self/file/schema links, and locations/direct_url/stores as configured.</summary>
public sealed class ImageView(SharpStackConfig config)
{
    private readonly bool _showLocations = config.Get(ImageOptions.ShowMultipleLocations);
    private readonly bool _showDirectUrl = config.Get(ImageOptions.ShowImageDirectUrl);
    private readonly bool _multiStore = config.Get(ImageOptions.EnabledBackends).Count > 0;

    /// <summary>Whether rendering needs an image's locations (locations, direct_url or stores are shown).</summary>
    public bool ShowsLocations => _showLocations || _showDirectUrl || _multiStore;

    public static string Timestamp(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <param name="showLocations">Whether policy (get_image_location) lets this caller see locations at all.</param>
    public JsonObject Render(ImageRow image, bool showLocations = true)
    {
        var o = new JsonObject();
        foreach (var p in image.Properties.OrderBy(p => p.Name, StringComparer.Ordinal))
            o[p.Name] = p.Value;
        o["name"] = image.Name;
        o["disk_format"] = image.DiskFormat;
        o["container_format"] = image.ContainerFormat;
        o["visibility"] = image.Visibility;
        o["size"] = image.Size;
        o["virtual_size"] = image.VirtualSize;
        o["status"] = image.Status;
        o["checksum"] = image.Checksum;
        o["protected"] = image.Protected;
        o["min_ram"] = image.MinRam;
        o["min_disk"] = image.MinDisk;
        o["owner"] = image.Owner;
        o["os_hidden"] = image.OsHidden;
        o["os_hash_algo"] = image.OsHashAlgo;
        o["os_hash_value"] = image.OsHashValue;
        o["id"] = image.Id;
        o["created_at"] = Timestamp(image.CreatedAt);
        o["updated_at"] = Timestamp(image.UpdatedAt);
        var locations = image.Locations.Where(l => l.Status == "active").OrderBy(l => l.InternalId).ToList();
        if (_showLocations && showLocations)
        {
            var list = new JsonArray();
            foreach (var l in locations)
                list.Add(new JsonObject { ["url"] = l.Url, ["metadata"] = JsonNode.Parse(l.MetaData) });
            o["locations"] = list;
        }
        if (_showDirectUrl && showLocations && locations.Count > 0)
            o["direct_url"] = locations[0].Url;
        var tags = new JsonArray();
        foreach (var t in image.Tags.OrderBy(t => t.Value, StringComparer.Ordinal))
            tags.Add(t.Value);
        o["tags"] = tags;
        o["self"] = "/v2/images/" + image.Id;
        o["file"] = $"/v2/images/{image.Id}/file";
        o["schema"] = "/v2/schemas/image";
        if (_multiStore)
        {
            var stores = locations.Select(l => StoreOf(l)).Where(s => s is not null).ToList();
            if (stores.Count > 0) o["stores"] = string.Join(",", stores);
        }
        return o;
    }

    /// <summary>The store id in a location's metadata ({"store": "fast"}), if any.</summary>
    public static string? StoreOf(ImageLocationRow location) =>
        JsonNode.Parse(location.MetaData) is JsonObject m && m["store"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
