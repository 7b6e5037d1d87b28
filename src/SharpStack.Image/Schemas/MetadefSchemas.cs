using System.Text.Json.Nodes;
using SharpStack.Core.Errors;
using SharpStack.Core.Validation;

namespace SharpStack.Image.Schemas;

/// <summary>The metadata definition schemas Glance serves under /v2/schemas/metadefs/* (generated from Glance's
/// metadef_*.get_schema()/get_collection_schema() and embedded as metadef-*.json), and the request validators built
/// from them.</summary>
public sealed class MetadefSchemas
{
    // As ImageSchemas: jsonschema.validate() without $schema, best_match, no format checker.
    private static readonly JsonSchemaOptions Options = new()
    {
        Draft = SchemaDraft.Draft202012,
        ErrorSelection = ErrorSelection.BestMatch,
        Formats = null,
        IgnoreUnknownKeywords = true,
    };

    /// <summary>The documents by their path under /v2/schemas/metadefs/.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["namespace", "namespaces", "resource_type", "resource_types", "property", "properties", "object", "objects", "tag", "tags"];

    private readonly Dictionary<string, JsonObject> _documents = Names.ToDictionary(n => n, n => (JsonObject)Load($"metadef-{n}.json"));
    private readonly JsonSchema _namespace;
    private readonly JsonSchema _object;
    private readonly JsonSchema _property;
    private readonly JsonSchema _objectProperty;
    private readonly JsonSchema _resourceType;
    private readonly JsonSchema _tag;
    private readonly JsonSchema _tagList;

    public MetadefSchemas()
    {
        _namespace = JsonSchema.FromNode(_documents["namespace"], Options);
        _object = JsonSchema.FromNode(_documents["object"], Options);
        _property = JsonSchema.FromNode(_documents["property"], Options);
        // metadef_properties.get_schema(require_name=False): what each property of an object must match.
        var objectProperty = (JsonObject)_documents["property"].DeepClone();
        objectProperty["required"] = new JsonArray("type", "title");
        _objectProperty = JsonSchema.FromNode(objectProperty, Options);
        _resourceType = JsonSchema.FromNode(_documents["resource_type"], Options);
        _tag = JsonSchema.FromNode(_documents["tag"], Options);
        _tagList = JsonSchema.Parse("""
            {"name": "tags", "properties": {"tags": {"type": "array", "items": {"type": "object",
             "properties": {"name": {"type": "string"}}, "required": ["name"], "additionalProperties": false}}},
             "additionalProperties": false}
            """, Options);
    }

    /// <summary>GET /v2/schemas/metadefs/{name} (a fresh copy), or null for an unknown name.</summary>
    public JsonObject? Document(string name) => _documents.TryGetValue(name, out var d) ? (JsonObject)d.DeepClone() : null;

    public void CheckNamespace(JsonNode body) => Check(_namespace, "namespace", body);

    public void CheckObject(JsonNode body) => Check(_object, "object", body);

    public void CheckProperty(JsonNode body) => Check(_property, "property", body);

    public void CheckObjectProperty(JsonNode? body) => Check(_objectProperty, "property", body);

    public void CheckResourceType(JsonNode body) => Check(_resourceType, "resource_type_association", body);

    public void CheckTag(JsonNode body) => Check(_tag, "tag", body);

    public void CheckTagList(JsonNode body) => Check(_tagList, "tags", body);

    /// <summary>Glance's InvalidObject: "Provided object does not match schema '&lt;name&gt;': " and jsonschema's text.</summary>
    private static void Check(JsonSchema schema, string name, JsonNode? body)
    {
        if (schema.Validate(body) is { } error)
            throw ApiException.BadRequest($"Provided object does not match schema '{name}': " + error.VerboseMessage);
    }

    private static JsonNode Load(string file)
    {
        using var stream = typeof(MetadefSchemas).Assembly.GetManifestResourceStream("SharpStack.Image.Schemas." + file)
            ?? throw new InvalidOperationException($"embedded schema {file} is missing");
        return JsonNode.Parse(stream)!;
    }
}
