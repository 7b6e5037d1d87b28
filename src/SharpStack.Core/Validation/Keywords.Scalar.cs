using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

internal sealed class TypeKeyword(JsonNode? value, string[] types) : Keyword("type", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        foreach (var t in types)
            if (ev.IsType(instance, kind, t)) return;
        Fail(ev, instance, schema, $"{PyRepr.Of(instance)} is not of type {string.Join(", ", types.Select(PyRepr.Str))}");
    }
}

internal sealed class EnumKeyword(JsonNode? value) : Keyword("enum", value)
{
    private readonly JsonNode?[] _values = [.. value!.AsArray()];

    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        // jsonschema special-cases 0/1 so that True/False only match booleans (and 0/1 only numbers).
        var zeroOrOne = kind == PyKind.Bool || (PyValue.IsNumeric(kind) && PyValue.Number(instance!).IsZeroOrOne);
        var found = zeroOrOne
            ? _values.Any(v => PyValue.SchemaEquals(instance, v))
            : _values.Any(v => PyValue.PyEquals(instance, v));
        if (!found) Fail(ev, instance, schema, $"{PyRepr.Of(instance)} is not one of {PyRepr.Of(Value)}");
    }
}

internal sealed class ConstKeyword(JsonNode? value) : Keyword("const", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (!PyValue.SchemaEquals(instance, Value)) Fail(ev, instance, schema, $"{PyRepr.Of(Value)} was expected");
    }
}

internal sealed class LengthKeyword(string name, JsonNode? value, int limit, bool isMin) : Keyword(name, value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.Str) return;
        var s = ev.Str(instance!);
        // UTF-16 length bounds the code point count from above, and is at most twice it.
        if (isMin ? s.Length >= 2 * limit : s.Length <= limit) return;
        var len = PyValue.CodePointLength(s);
        if (isMin ? len < limit : len > limit)
            Fail(ev, instance, schema, $"{PyRepr.Of(instance)} is too {(isMin ? "short" : "long")}");
    }
}

internal sealed class PatternKeyword(JsonNode? value, string pattern) : Keyword("pattern", value)
{
    private readonly System.Text.RegularExpressions.Regex _regex = PyRegex.Get(pattern);

    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind == PyKind.Str && !_regex.IsMatch(ev.Str(instance!)))
            Fail(ev, instance, schema, $"{PyRepr.Of(instance)} does not match {PyRepr.Str(pattern)}");
    }
}

internal sealed class FormatKeyword(JsonNode? value, string format) : Keyword("format", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (ev.Formats is null || ev.Formats.Check(instance, format, out var cause)) return;
        Fail(ev, instance, schema, $"{PyRepr.Of(instance)} is not a {PyRepr.Str(format)}", cause: cause);
    }
}

/// <summary>minimum/maximum (Draft 4 reads the boolean exclusiveMinimum/exclusiveMaximum beside it) and 2020-12's numeric exclusive bounds.</summary>
internal sealed class BoundKeyword(string name, JsonNode? value, bool isMin, bool exclusive) : Keyword(name, value)
{
    private readonly PyNumber _limit = PyValue.Number(value!);

    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        PyNumber value;
        if (ev.NumericBounds)
        {
            if (PyNumber.FromPythonIntOrFloat(instance, kind) is not { } converted) return;
            value = converted;
        }
        else if (PyValue.IsNumeric(kind)) value = PyValue.Number(instance!);
        else return;
        var c = PyNumber.Compare(value, _limit);
        if (c is null) return;
        var failed = isMin ? (exclusive ? c <= 0 : c < 0) : (exclusive ? c >= 0 : c > 0);
        if (!failed) return;
        var cmp = (isMin ? "less than" : "greater than") + (exclusive ? " or equal to" : "");
        var shown = ev.NumericBounds ? value.Repr() : PyRepr.Of(instance);
        Fail(ev, instance, schema, $"{shown} is {cmp} the {(isMin ? "minimum" : "maximum")} of {_limit.Repr()}");
    }
}

internal sealed class MultipleOfKeyword(JsonNode? value) : Keyword("multipleOf", value)
{
    private readonly PyNumber _divisor = PyValue.Number(value!);

    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (PyValue.IsNumeric(kind) && !PyNumber.IsMultipleOf(PyValue.Number(instance!), _divisor))
            Fail(ev, instance, schema, $"{PyRepr.Of(instance)} is not a multiple of {_divisor.Repr()}");
    }
}
