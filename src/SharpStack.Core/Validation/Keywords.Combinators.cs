using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

internal sealed class AllOfKeyword(JsonNode? value, SchemaNode[] schemas) : Keyword("allOf", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        for (var i = 0; i < schemas.Length; i++)
        {
            ev.Descend(instance, schemas[i], null, Evaluator.Box(i));
            if (ev.Stopped) return;
        }
    }
}

internal sealed class AnyOfKeyword(JsonNode? value, SchemaNode[] schemas) : Keyword("anyOf", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        var all = new List<ValidationError>();
        for (var i = 0; i < schemas.Length; i++)
        {
            var errors = ev.SubErrors(instance, schemas[i], i);
            if (errors is null) return;
            all.AddRange(errors);
        }
        Fail(ev, instance, schema, $"{PyRepr.Of(instance)} is not valid under any of the given schemas", all);
    }
}

internal sealed class OneOfKeyword(JsonNode? value, SchemaNode[] schemas) : Keyword("oneOf", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        var all = new List<ValidationError>();
        var firstValid = -1;
        for (var i = 0; i < schemas.Length; i++)
        {
            var errors = ev.SubErrors(instance, schemas[i], i);
            if (errors is null)
            {
                firstValid = i;
                break;
            }
            all.AddRange(errors);
        }
        if (firstValid < 0)
        {
            Fail(ev, instance, schema, $"{PyRepr.Of(instance)} is not valid under any of the given schemas", all);
            return;
        }
        List<SchemaNode>? moreValid = null;
        for (var i = firstValid + 1; i < schemas.Length; i++)
            if (ev.IsValid(instance, schemas[i])) (moreValid ??= []).Add(schemas[i]);
        if (moreValid is null) return;
        moreValid.Add(schemas[firstValid]);
        Fail(ev, instance, schema, $"{PyRepr.Of(instance)} is valid under each of {string.Join(", ", moreValid.Select(s => s.Repr))}");
    }
}

internal sealed class NotKeyword(JsonNode? value, SchemaNode sub) : Keyword("not", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (ev.IsValid(instance, sub))
            Fail(ev, instance, schema, $"{PyRepr.Of(instance)} should not be valid under {sub.Repr}");
    }
}

/// <summary>A local "$ref"; python leaves it out of schema_path.</summary>
internal sealed class RefKeyword(JsonNode? value) : Keyword("$ref", value)
{
    public SchemaNode? Target { get; set; }

    public override bool InSchemaPath => false;

    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema) =>
        ev.Descend(instance, Target!, null, null);
}

/// <summary>2020-12 if/then/else, evaluated at the "if" keyword; like $ref, "if" stays out of schema_path.</summary>
internal sealed class IfKeyword(JsonNode? value, SchemaNode condition, SchemaNode? then, SchemaNode? @else) : Keyword("if", value)
{
    public override bool InSchemaPath => false;

    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (ev.IsValid(instance, condition))
        {
            if (then is not null) ev.Descend(instance, then, null, "then");
        }
        else if (@else is not null)
        {
            ev.Descend(instance, @else, null, "else");
        }
    }
}

/// <summary>Stands in for a non-schema value in a lenient schema; reaching it is where python would crash.</summary>
internal sealed class BrokenKeyword(string location, string problem) : Keyword("$broken", null)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema) =>
        throw new InvalidOperationException($"Invalid schema at {location}: {problem} (python-jsonschema crashes here too)");
}
