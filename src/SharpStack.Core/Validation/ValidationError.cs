using System.Text;
using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

/// <summary>One schema violation, shaped like python-jsonschema's ValidationError (message, path, schema_path, context).</summary>
public sealed class ValidationError
{
    private string? _verbose;

    internal ValidationError(string message, string? keyword, JsonNode? keywordValue, JsonNode? instance,
        SchemaNode schema, object[] path, object[] schemaPath, IReadOnlyList<ValidationError>? context, Exception? cause)
    {
        Message = message;
        Keyword = keyword;
        KeywordValue = keywordValue;
        Instance = instance;
        Node = schema;
        Path = path;
        SchemaPath = schemaPath;
        Context = context ?? [];
        Cause = cause;
        foreach (var child in Context) child.Parent = this;
    }

    internal SchemaNode Node { get; }

    /// <summary>python <c>error.message</c>, e.g. "None is not of type 'string'".</summary>
    public string Message { get; }

    /// <summary>python <c>error.validator</c>: the failing keyword ("type", "required", ...); null for a <c>false</c> schema.</summary>
    public string? Keyword { get; }

    /// <summary>python <c>error.validator_value</c>: the keyword's value in the schema (read-only).</summary>
    public JsonNode? KeywordValue { get; }

    /// <summary>python <c>error.instance</c>: the value that failed (a node of the validated document).</summary>
    public JsonNode? Instance { get; }

    /// <summary>python <c>str(error.instance)</c>: a string as is, anything else as its repr (nova's "Value: %s").</summary>
    public string InstanceText => PyValue.Kind(Instance) == PyKind.Str ? PyValue.Str(Instance!) : PyRepr.Of(Instance);

    /// <summary>python <c>error.schema</c>: the (sub)schema holding the failing keyword (read-only).</summary>
    public JsonNode? Schema => Node.Json;

    /// <summary>python <c>error.path</c> (relative_path): property names (string) and array indexes (int) from the parent error's instance, or from the root.</summary>
    public IReadOnlyList<object> Path { get; }

    /// <summary>python <c>error.schema_path</c> (relative_schema_path), e.g. ["properties", "name", "type"].</summary>
    public IReadOnlyList<object> SchemaPath { get; }

    /// <summary>python <c>error.context</c>: the sub-errors of an anyOf/oneOf failure.</summary>
    public IReadOnlyList<ValidationError> Context { get; }

    /// <summary>python <c>error.parent</c>: the anyOf/oneOf error this one is context of.</summary>
    public ValidationError? Parent { get; private set; }

    /// <summary>python <c>error.cause</c>: what a format check threw, if anything.</summary>
    public Exception? Cause { get; }

    /// <summary>python <c>error.absolute_path</c>: <see cref="Path"/> prefixed with the parents' paths.</summary>
    public IReadOnlyList<object> AbsolutePath => Parent is null ? Path : [.. Parent.AbsolutePath, .. Path];

    /// <summary>python <c>error.absolute_schema_path</c>.</summary>
    public IReadOnlyList<object> AbsoluteSchemaPath => Parent is null ? SchemaPath : [.. Parent.AbsoluteSchemaPath, .. SchemaPath];

    /// <summary>The path joined the way keystone prints it (<c>'/'.join(map(str, ex.path))</c>).</summary>
    public string JoinedPath(string separator = "/") => string.Join(separator, Path);

    /// <summary>
    /// python <c>str(error)</c>: the message plus "Failed validating ... On instance[...]" with pprint'ed schema and instance.
    /// This is the text keystone and placement put into their 400 responses.
    /// </summary>
    public string VerboseMessage => _verbose ??= BuildVerbose();

    /// <summary>The short python <c>error.message</c>.</summary>
    public override string ToString() => Message;

    private string BuildVerbose()
    {
        var sb = new StringBuilder(Message);
        sb.Append("\n\nFailed validating ").Append(Keyword is null ? "None" : PyRepr.Str(Keyword));
        sb.Append(" in ").Append(FormatAsIndex("schema", SchemaPath.Take(Math.Max(0, SchemaPath.Count - 1)))).Append(":\n    ");
        sb.Append(Indent(PyPrettyPrint.Format(Schema)));
        sb.Append("\n\nOn ").Append(FormatAsIndex("instance", Path)).Append(":\n    ");
        sb.Append(Indent(PyPrettyPrint.Format(Instance)));
        return sb.ToString();
    }

    private static string Indent(string text) => text.Replace("\n", "\n    ");

    private static string FormatAsIndex(string container, IEnumerable<object> indices)
    {
        var sb = new StringBuilder(container);
        foreach (var index in indices)
            sb.Append('[').Append(index is string s ? PyRepr.Str(s) : Convert.ToString(index, System.Globalization.CultureInfo.InvariantCulture)).Append(']');
        return sb.ToString();
    }
}
