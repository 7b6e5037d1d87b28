using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

/// <summary>A compiled (sub)schema: a boolean schema, or its keywords in the order they are written.</summary>
internal sealed class SchemaNode(JsonNode? json)
{
    public JsonNode? Json { get; } = json;
    public bool IsBoolean { get; init; }
    public bool BooleanValue { get; init; }
    public Keyword[] Keywords { get; set; } = [];

    /// <summary>The "type" keyword's names, for best_match's _matches_type; null when absent.</summary>
    public string[]? Types { get; set; }

    private string? _repr;

    /// <summary>repr(schema), cached: oneOf/not messages quote whole subschemas.</summary>
    public string Repr => _repr ??= PyRepr.Of(Json);
}

/// <summary>One keyword of a compiled schema; evaluates like the python validator function of the same name.</summary>
internal abstract class Keyword(string name, JsonNode? value)
{
    public string Name { get; } = name;
    public JsonNode? Value { get; } = value;

    /// <summary>iter_errors appends the keyword to schema_path, except for $ref (and if).</summary>
    public virtual bool InSchemaPath => true;

    public abstract void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema);

    protected void Fail(Evaluator ev, JsonNode? instance, SchemaNode schema, string message,
        IReadOnlyList<ValidationError>? context = null, Exception? cause = null) =>
        ev.Fail(Name, Value, instance, schema, message, context, cause);
}

/// <summary>The type checker of each draft (python: bool is not a number; Draft 4 integers exclude 1.0).</summary>
internal static class Types
{
    public static readonly string[] Names = ["array", "boolean", "integer", "null", "number", "object", "string"];

    public static bool Is(SchemaDraft draft, JsonNode? instance, PyKind kind, string type) => type switch
    {
        "array" => kind == PyKind.List,
        "boolean" => kind == PyKind.Bool,
        "integer" => kind == PyKind.Int || (draft != SchemaDraft.Draft4 && kind == PyKind.Float && IsWholeFloat(instance!)),
        "null" => kind == PyKind.None,
        "number" => kind is PyKind.Int or PyKind.Float,
        "object" => kind == PyKind.Dict,
        "string" => kind == PyKind.Str,
        _ => throw new InvalidOperationException($"unknown type {type}"),
    };

    private static bool IsWholeFloat(JsonNode node)
    {
        var f = PyValue.Number(node).Float;
        return double.IsFinite(f) && Math.Floor(f) == f;
    }
}
