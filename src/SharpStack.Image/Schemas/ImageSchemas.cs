using System.Text.Json.Nodes;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Core.Validation;
using SharpStack.Image.Configuration;

namespace SharpStack.Image.Schemas;

/// <summary>The schema documents Glance serves under /v2/schemas (image, images, member, members) and the image
/// schema's validator. The image schema is Glance's base properties plus its stock schema-image.json custom
/// properties, with the disk and container format enums taken from [image_format] as upstream builds them.</summary>
public sealed class ImageSchemas
{
    // jsonschema.validate() without $schema: the newest draft and best_match; Glance passes no format checker.
    // The documents carry Glance's non-schema keys (name, links, is_base), which python ignores.
    private static readonly JsonSchemaOptions Options = new()
    {
        Draft = SchemaDraft.Draft202012,
        ErrorSelection = ErrorSelection.BestMatch,
        Formats = null,
        IgnoreUnknownKeywords = true,
    };

    private readonly JsonObject _image;
    private readonly JsonObject _images;
    private readonly JsonObject _member;
    private readonly JsonObject _members;
    private readonly JsonSchema _validator;

    public ImageSchemas(SharpStackConfig config)
    {
        _image = (JsonObject)Load("image.json");
        var properties = (JsonObject)_image["properties"]!;
        properties["disk_format"]!["enum"] = FormatEnum(config.Get(ImageOptions.DiskFormats));
        properties["container_format"]!["enum"] = FormatEnum(config.Get(ImageOptions.ContainerFormats));
        _validator = JsonSchema.FromNode(_image, Options);
        _images = Collection("images", _image.DeepClone(), full: true);
        _member = new JsonObject { ["name"] = "member", ["properties"] = Load("member.json") };
        _members = Collection("members", _member.DeepClone(), full: false);
    }

    /// <summary>GET /v2/schemas/image (a fresh copy: a node can belong to one response only).</summary>
    public JsonObject Image() => (JsonObject)_image.DeepClone();

    public JsonObject Images() => (JsonObject)_images.DeepClone();

    public JsonObject Member() => (JsonObject)_member.DeepClone();

    public JsonObject Members() => (JsonObject)_members.DeepClone();

    /// <summary>Refuses an image (or the part of one a PATCH sets) that the image schema rejects, in Glance's words:
    /// "Provided object does not match schema 'image': " and python-jsonschema's str(error).</summary>
    public void CheckImage(JsonNode? instance)
    {
        if (_validator.Validate(instance) is { } error)
            throw ApiException.BadRequest("Provided object does not match schema 'image': " + error.VerboseMessage);
    }

    private static JsonArray FormatEnum(IReadOnlyList<string> formats)
    {
        var list = new JsonArray { null };
        foreach (var f in formats) list.Add(f);
        return list;
    }

    /// <summary>Glance's CollectionSchema: raw() for images (first/next links), minimal() for members.</summary>
    private static JsonObject Collection(string name, JsonNode item, bool full)
    {
        var properties = new JsonObject { [name] = new JsonObject { ["type"] = "array", ["items"] = item } };
        if (full)
        {
            properties["first"] = new JsonObject { ["type"] = "string" };
            properties["next"] = new JsonObject { ["type"] = "string" };
        }
        properties["schema"] = new JsonObject { ["type"] = "string" };
        var links = full
            ? new JsonArray(Link("first", "{first}"), Link("next", "{next}"), Link("describedby", "{schema}"))
            : new JsonArray(Link("describedby", "{schema}"));
        return new JsonObject { ["name"] = name, ["properties"] = properties, ["links"] = links };
    }

    private static JsonObject Link(string rel, string href) => new() { ["rel"] = rel, ["href"] = href };

    private static JsonNode Load(string file)
    {
        using var stream = typeof(ImageSchemas).Assembly.GetManifestResourceStream("SharpStack.Image.Schemas." + file)
            ?? throw new InvalidOperationException($"embedded schema {file} is missing");
        return JsonNode.Parse(stream)!;
    }
}
