using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

/// <summary>Python's text forms of JSON values, for services that quote client input the way Python prints it.</summary>
public static class PythonText
{
    /// <summary>repr(value): 'text', 1, 1.5, True, None, ['a'], {'k': 'v'}.</summary>
    public static string Repr(JsonNode? value) => PyRepr.Of(value);

    /// <summary>str(value): a string as is, anything else as its repr.</summary>
    public static string Str(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : PyRepr.Of(value);

    /// <summary>len(text) in code points.</summary>
    public static int Length(string text) => PyValue.CodePointLength(text);

    /// <summary>repr() of a Python float: the shortest text that reads back the same, always with a fraction or
    /// exponent ("1.0", "1.5", "1e+20").</summary>
    public static string FloatRepr(double value) => PyNumber.FloatRepr(value);

    /// <summary>A JSON number printed as Python's json prints a float (1.0, 16.0, 1.5), for answers that carry floats.</summary>
    public static JsonNode FloatNode(double value) => JsonNode.Parse(PyNumber.FloatRepr(value))!;
}
