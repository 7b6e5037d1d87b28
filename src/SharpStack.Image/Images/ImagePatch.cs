using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Core.Http;
using SharpStack.Image.Schemas;

namespace SharpStack.Image.Images;

/// <summary>One change of a PATCH: the operation, the decoded JSON pointer, the value, and which draft of Glance's
/// JSON-patch media types it came in (4 for v2.0, 10 for v2.1: they differ on "add" of an existing property).</summary>
public sealed record ImageChange(string Op, IReadOnlyList<string> Path, JsonNode? Value, int Draft)
{
    public string Root => Path[0];
}

/// <summary>Reads a PATCH /v2/images/{id} body as Glance's RequestDeserializer.update does: the two
/// openstack-images JSON-patch media types, operation objects, JSON pointers, path depth, read-only and reserved
/// attributes, and the image schema for the values.</summary>
public static partial class ImagePatch
{
    public const string V20 = "application/openstack-images-v2.0-json-patch";
    public const string V21 = "application/openstack-images-v2.1-json-patch";
    private static readonly string[] Operations = ["add", "remove", "replace"];

    /// <summary>Attributes a PATCH may not touch (Glance's deserializer _readonly_properties).</summary>
    private static readonly HashSet<string> ReadOnly =
    [
        "created_at", "updated_at", "status", "checksum", "size", "virtual_size", "direct_url", "self", "file",
        "schema", "id", "os_hash_algo", "os_hash_value",
    ];

    public static async Task<List<ImageChange>> ReadAsync(HttpContext context, ImageSchemas schemas)
    {
        var contentType = context.Request.ContentType;
        var mediaType = contentType?.Split(';')[0].Trim();
        var draft = mediaType switch { V20 => 4, V21 => 10, _ => 0 };
        if (draft == 0)
            throw new ApiException(415, $"The request media type {contentType} is not supported by this server.")
            {
                Headers = new Dictionary<string, string> { ["Accept-Patch"] = $"{V20}, {V21}" },
            };
        var parsed = await JsonRequestBody.ReadAsync(context, () => ApiException.BadRequest("Malformed JSON in request body."));
        if (parsed.Empty) throw ApiException.BadRequest("Body expected in request.");
        if (parsed.Value is not (JsonObject or JsonArray)) throw ApiException.BadRequest("Unexpected body type. Expected list/dict.");
        if (parsed.Value is not JsonArray body) throw ApiException.BadRequest("Request body must be a JSON array of operation objects.");
        var changes = new List<ImageChange>();
        foreach (var raw in body)
        {
            if (raw is not JsonObject change) throw ApiException.BadRequest("Operations must be JSON objects.");
            var (op, pointer) = draft == 10 ? Draft10(change) : Draft4(change);
            var path = Decode(pointer);
            CheckDepth(op, path);
            JsonNode? value = null;
            if (op != "remove")
            {
                if (!change.ContainsKey("value")) throw ApiException.BadRequest($"Operation \"{op}\" requires a member named \"value\".");
                value = change["value"];
            }
            var parsedChange = new ImageChange(op, path, value, draft);
            Validate(parsedChange, schemas);
            changes.Add(parsedChange);
        }
        return changes;
    }

    private static (string Op, JsonNode? Path) Draft10(JsonObject change)
    {
        var op = change["op"];
        if (op is null) throw ApiException.BadRequest("Unable to find `op` in JSON Schema change. It must be one of the following: add, remove, replace.");
        var name = op is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (name is null || !Operations.Contains(name))
            throw ApiException.BadRequest($"Invalid operation: `{ImageRules.PyStr(op)}`. It must be one of the following: add, remove, replace.");
        if (!change.ContainsKey("path")) throw ApiException.BadRequest("Unable to find 'path' in JSON Schema change");
        return (name, change["path"]);
    }

    private static (string Op, JsonNode? Path) Draft4(JsonObject change)
    {
        string? op = null;
        foreach (var key in Operations)
        {
            if (!change.ContainsKey(key)) continue;
            if (op is not null) throw ApiException.BadRequest("Operation objects must contain only one member named \"add\", \"remove\", or \"replace\".");
            op = key;
        }
        if (op is null) throw ApiException.BadRequest("Operation objects must contain exactly one member named \"add\", \"remove\", or \"replace\".");
        return (op, change[op]);
    }

    /// <summary>Glance's _validate_json_pointer and _decode_json_pointer (a non-string path, a 500 upstream, is refused as not starting with "/").</summary>
    public static List<string> Decode(JsonNode? pointerNode)
    {
        var pointer = pointerNode is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (pointer is null || !pointer.StartsWith('/'))
            throw ApiException.BadRequest($"Pointer `{(pointer ?? ImageRules.PyStr(pointerNode))}` does not start with \"/\".");
        if (AdjacentSlashes().IsMatch(pointer[1..])) throw ApiException.BadRequest($"Pointer `{pointer}` contains adjacent \"/\".");
        if (pointer.Length > 1 && pointer.EndsWith('/')) throw ApiException.BadRequest($"Pointer `{pointer}` end with \"/\".");
        if (pointer[1..].Trim() == "/") throw ApiException.BadRequest($"Pointer `{pointer}` does not contains valid token.");
        if (BadEscape().IsMatch(pointer) || pointer.EndsWith('~'))
            throw ApiException.BadRequest($"Pointer `{pointer}` contains \"~\" not part of a recognized escape sequence.");
        return pointer.TrimStart('/').Split('/').Select(p => p.Replace("~1", "/").Replace("~0", "~").Trim()).ToList();
    }

    /// <summary>Every path has one segment, except locations: add and remove take /locations/N.</summary>
    private static void CheckDepth(string op, List<string> path)
    {
        var depth = path[0] == "locations" && (op == "add" || op == "remove") ? 2 : 1;
        if (path.Count != depth) throw ApiException.BadRequest($"Invalid JSON pointer for this resource: '/{string.Join('/', path)}'");
    }

    private static void Validate(ImageChange change, ImageSchemas schemas)
    {
        var root = change.Root;
        if (ReadOnly.Contains(root)) throw ApiException.Forbidden($"Attribute '{root}' is read-only.");
        if (ImageRules.IsReservedName(root)) throw ApiException.Forbidden($"Attribute '{root}' is reserved.");
        if (change.Op == "remove") return;
        if (change.Path.Count == 1)
            schemas.CheckImage(new JsonObject { [root] = change.Value?.DeepClone() });
        else if (root == "locations")
            schemas.CheckImage(new JsonObject { [root] = new JsonArray(change.Value?.DeepClone()) });
    }

    [GeneratedRegex(@"/\s*?/")]
    private static partial Regex AdjacentSlashes();

    [GeneratedRegex("~[^01]")]
    private static partial Regex BadEscape();
}
