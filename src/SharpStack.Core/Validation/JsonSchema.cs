using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

/// <summary>
/// A compiled JSON Schema that validates like python-jsonschema 4.10 (the upstream OpenStack services' validator),
/// reporting the same error texts. Parse once into a static readonly field; validating is thread-safe.
/// </summary>
public sealed class JsonSchema
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        AllowDuplicateProperties = false,
    };

    private readonly SchemaNode _root;

    private JsonSchema(JsonNode json, JsonSchemaOptions options)
    {
        Options = options;
        _root = new SchemaCompiler(json, options).Compile();
        Materialize(json);
    }

    public JsonSchemaOptions Options { get; }

    /// <summary>Parses schema JSON (comments and trailing commas allowed); throws <see cref="JsonSchemaException"/> when malformed.</summary>
    public static JsonSchema Parse(string json, JsonSchemaOptions? options = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, NodeOptions, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new JsonSchemaException($"Invalid schema: not JSON: {e.Message}", e);
        }
        if (node is null) throw new JsonSchemaException("Invalid schema at #: a schema must be an object or a boolean, not null");
        return new JsonSchema(node, options ?? new JsonSchemaOptions());
    }

    /// <summary>Compiles a schema node; the schema keeps a private deep copy.</summary>
    public static JsonSchema FromNode(JsonNode? schema, JsonSchemaOptions? options = null)
    {
        if (schema is null) throw new JsonSchemaException("Invalid schema at #: a schema must be an object or a boolean, not null");
        return new JsonSchema(schema.DeepClone(), options ?? new JsonSchemaOptions());
    }

    /// <summary>The error the service would raise, chosen by <see cref="JsonSchemaOptions.ErrorSelection"/>; null when valid.</summary>
    public ValidationError? Validate(JsonNode? instance) => Validate(instance, Options.ErrorSelection);

    /// <summary>The first error (python <c>Validator.validate</c>) or the best match (<c>jsonschema.validate</c>); null when valid.</summary>
    public ValidationError? Validate(JsonNode? instance, ErrorSelection selection)
    {
        var stopAtFirst = selection == ErrorSelection.First;
        var errors = new Evaluator(Options.Draft, Options.Formats, Options.NumericBounds).Run(_root, instance, stopAtFirst);
        if (errors.Count == 0) return null;
        return stopAtFirst ? errors[0] : BestMatch.Select(errors, Options.Draft);
    }

    /// <summary>The message of the error <see cref="Validate(JsonNode?)"/> reports, or null when valid.</summary>
    public string? FirstError(JsonNode? instance) => Validate(instance)?.Message;

    /// <summary>Whether the instance is valid (stops at the first failure, builds no messages).</summary>
    public bool IsValid(JsonNode? instance) => new Evaluator(Options.Draft, Options.Formats, Options.NumericBounds).IsValid(instance, _root);

    /// <summary>Every top-level error in python's iter_errors order (anyOf/oneOf details are in each error's Context).</summary>
    public IReadOnlyList<ValidationError> AllErrors(JsonNode? instance) =>
        new Evaluator(Options.Draft, Options.Formats, Options.NumericBounds).Run(_root, instance, stopAtFirst: false);

    /// <summary>Forces System.Text.Json's lazy node initialization now, so concurrent reads of the schema never race.</summary>
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o) Materialize(v);
                break;
            case JsonArray a:
                foreach (var v in a) Materialize(v);
                break;
        }
    }
}
