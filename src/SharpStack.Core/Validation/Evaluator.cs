using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

/// <summary>
/// One validation run (not shared between threads): walks the compiled schema in python's iter_errors order,
/// tracking the instance and schema paths the way descend() prepends them.
/// </summary>
internal sealed class Evaluator(SchemaDraft draft, FormatChecker? formats, bool numericBounds = false)
{
    /// <summary>Where errors go: all of them, the first one, or none at all (is_valid only needs a yes/no).</summary>
    private sealed class Sink(bool collect, bool stopAtFirst, int pathBase, int schemaBase)
    {
        public readonly List<ValidationError>? Errors = collect ? [] : null;
        public readonly bool StopAtFirst = stopAtFirst;
        public readonly int PathBase = pathBase;
        public readonly int SchemaBase = schemaBase;
        public bool Failed;
        public bool Stopped => Failed && StopAtFirst;
    }

    private static readonly object[] BoxedInts = Enumerable.Range(0, 256).Select(i => (object)i).ToArray();

    private readonly List<object> _path = [];
    private readonly List<object> _schemaPath = [];
    private Sink _sink = null!; // set by Run / IsValid before any keyword runs

    public SchemaDraft Draft { get; } = draft;
    public FormatChecker? Formats { get; } = formats;
    public bool NumericBounds { get; } = numericBounds;

    public bool Stopped => _sink.Stopped;

    public static object Box(int i) => i < BoxedInts.Length ? BoxedInts[i] : i;

    public List<ValidationError> Run(SchemaNode schema, JsonNode? instance, bool stopAtFirst)
    {
        _sink = new Sink(true, stopAtFirst, 0, 0);
        Evaluate(instance, schema);
        return _sink.Errors!;
    }

    public void Evaluate(JsonNode? instance, SchemaNode schema)
    {
        if (schema.IsBoolean)
        {
            if (!schema.BooleanValue) Fail(null, null, instance, schema, $"False schema does not allow {PyRepr.Of(instance)}");
            return;
        }
        var kind = PyValue.Kind(instance);
        foreach (var keyword in schema.Keywords)
        {
            var pushed = keyword.InSchemaPath;
            if (pushed) _schemaPath.Add(keyword.Name);
            keyword.Evaluate(this, instance, kind, schema);
            if (pushed) _schemaPath.RemoveAt(_schemaPath.Count - 1);
            if (_sink.Stopped) return;
        }
    }

    /// <summary>validator.descend(instance, schema, path=..., schema_path=...).</summary>
    public void Descend(JsonNode? instance, SchemaNode schema, object? path, object? schemaPath)
    {
        if (path is not null) _path.Add(path);
        if (schemaPath is not null) _schemaPath.Add(schemaPath);
        Evaluate(instance, schema);
        if (schemaPath is not null) _schemaPath.RemoveAt(_schemaPath.Count - 1);
        if (path is not null) _path.RemoveAt(_path.Count - 1);
    }

    /// <summary>list(descend(instance, schema, schema_path=index)) for anyOf/oneOf: null when valid, else the errors (empty when not collecting).</summary>
    public List<ValidationError>? SubErrors(JsonNode? instance, SchemaNode schema, int schemaPathIndex)
    {
        var outer = _sink;
        var collect = outer.Errors is not null;
        _sink = new Sink(collect, !collect, _path.Count, _schemaPath.Count);
        Descend(instance, schema, null, Box(schemaPathIndex));
        var sub = _sink;
        _sink = outer;
        return sub.Failed ? sub.Errors ?? [] : null;
    }

    /// <summary>validator.evolve(schema=...).is_valid(instance).</summary>
    public bool IsValid(JsonNode? instance, SchemaNode schema)
    {
        var outer = _sink;
        _sink = new Sink(false, true, _path.Count, _schemaPath.Count);
        Evaluate(instance, schema);
        var valid = !_sink.Failed;
        _sink = outer;
        return valid;
    }

    /// <summary>Whether failures are recorded (false inside is_valid checks, where only pass/fail matters).</summary>
    public bool Collecting => _sink.Errors is not null;

    /// <summary>Records a failure of keyword <paramref name="name"/>.</summary>
    public void Fail(string? name, JsonNode? keywordValue, JsonNode? instance, SchemaNode schema, string message,
        IReadOnlyList<ValidationError>? context = null, Exception? cause = null)
    {
        _sink.Failed = true;
        if (_sink.Errors is null) return;
        var path = _path.Count == _sink.PathBase ? [] : _path.GetRange(_sink.PathBase, _path.Count - _sink.PathBase).ToArray();
        var schemaPath = _schemaPath.GetRange(_sink.SchemaBase, _schemaPath.Count - _sink.SchemaBase).ToArray();
        _sink.Errors.Add(new ValidationError(message, name, keywordValue, instance, schema, path, schemaPath, context, cause));
    }

    public bool IsType(JsonNode? instance, PyKind kind, string type) => Types.Is(Draft, instance, kind, type);

    private JsonNode? _strNode;
    private string? _strValue;

    /// <summary>The instance's string, decoded once even when several keywords (minLength, pattern, ...) read it.</summary>
    public string Str(JsonNode node)
    {
        if (!ReferenceEquals(node, _strNode))
        {
            _strValue = PyValue.Str(node);
            _strNode = node;
        }
        return _strValue!;
    }
}
