using System.Text.Json.Nodes;
using SharpStack.Core.Errors;
using SharpStack.Core.Validation;
using SharpStack.Image.Schemas;

namespace SharpStack.Image.Images;

/// <summary>A create request taken apart as Glance's deserializer does: core attributes, custom (extra) properties
/// and tags, after the read-only, schema, key-length and reserved-name refusals, in upstream's order.</summary>
public sealed class NewImage
{
    /// <summary>Keys a client may never send on create (Glance's _disallowed_properties): 403 read-only.</summary>
    private static readonly string[] Disallowed = ["direct_url", "self", "file", "schema", "stores"];

    /// <summary>Keys that become image attributes rather than custom properties (Glance's _base_properties).</summary>
    private static readonly HashSet<string> BaseKeys =
    [
        "checksum", "created_at", "container_format", "disk_format", "id", "min_disk", "min_ram", "name", "size",
        "virtual_size", "status", "tags", "owner", "updated_at", "visibility", "protected", "os_hidden",
    ];

    /// <summary>Base keys the domain factory refuses (Glance's ImageFactory._readonly_properties, in its order).</summary>
    private static readonly string[] FactoryReadOnly = ["created_at", "updated_at", "status", "checksum", "size", "virtual_size"];

    public required JsonObject Attributes { get; init; }
    public required List<KeyValuePair<string, JsonNode?>> Extra { get; init; }
    public required List<string> Tags { get; init; }

    public bool Has(string key) => Attributes.ContainsKey(key);

    public string? Text(string key) => Attributes[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The requested visibility, Glance's create-policy default ('private') when absent.</summary>
    public string PolicyVisibility => Text("visibility") ?? ImageVisibility.Private;

    /// <summary>Parses and validates a create body (already known to be JSON: an object or an array).</summary>
    public static NewImage Parse(JsonNode body, ImageSchemas schemas)
    {
        foreach (var key in Disallowed)
            if (Contains(body, key)) throw ApiException.Forbidden($"Attribute '{key}' is read-only.");
        schemas.CheckImage(body);
        // The image schema has no "type", so a list passes it; Glance then fails with a 500. Say what is wrong instead.
        if (body is not JsonObject obj)
            throw ApiException.BadRequest($"Provided object does not match schema 'image': {PythonText.Repr(body)} is not of type 'object'");
        var attributes = new JsonObject();
        var extra = new List<KeyValuePair<string, JsonNode?>>();
        var tags = new List<string>();
        foreach (var (key, value) in obj)
        {
            if (key == "tags")
            {
                foreach (var t in (JsonArray)value!) tags.Add(t!.GetValue<string>());
            }
            else if (BaseKeys.Contains(key))
            {
                attributes[key] = value?.DeepClone();
            }
            else
            {
                extra.Add(new(key, value));
            }
        }
        foreach (var (key, _) in extra)
        {
            if (PythonText.Length(key) > 255) throw ApiException.BadRequest("Custom property should not be greater than 255 characters.");
            if (ImageRules.IsReservedName(key)) throw ApiException.Forbidden($"Attribute '{key}' is reserved.");
        }
        return new NewImage { Attributes = attributes, Extra = extra, Tags = tags };
    }

    /// <summary>The domain factory's refusals, which Glance applies after policy and the tag quota.</summary>
    public void CheckFactoryRules()
    {
        foreach (var key in FactoryReadOnly)
            if (Attributes.ContainsKey(key)) throw ApiException.Forbidden($"Attribute '{key}' is read-only.");
        if (Extra.Any(p => p.Key == "locations")) throw ApiException.Forbidden("Attribute 'locations' is reserved.");
        ImageRules.CheckNotNegative("min_disk", Attributes["min_disk"]);
        ImageRules.CheckNotNegative("min_ram", Attributes["min_ram"]);
    }

    // python's `key in body`: a key of an object, or an element of a list.
    private static bool Contains(JsonNode body, string key) => body switch
    {
        JsonObject o => o.ContainsKey(key),
        JsonArray a => a.Any(e => e is JsonValue v && v.TryGetValue<string>(out var s) && s == key),
        _ => false,
    };
}
