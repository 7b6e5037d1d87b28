using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SharpStack.Core.Validation;

internal sealed class PropertiesKeyword(JsonNode? value, (string Name, SchemaNode Schema)[] properties) : Keyword("properties", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.Dict) return;
        var obj = instance!.AsObject();
        foreach (var (name, sub) in properties)
        {
            if (!obj.TryGetPropertyValue(name, out var child)) continue;
            ev.Descend(child, sub, name, name);
            if (ev.Stopped) return;
        }
    }
}

internal sealed class PatternPropertiesKeyword(JsonNode? value, (string Pattern, Regex Regex, SchemaNode Schema)[] patterns)
    : Keyword("patternProperties", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.Dict) return;
        foreach (var (pattern, regex, sub) in patterns)
        {
            foreach (var (key, child) in instance!.AsObject())
            {
                if (!regex.IsMatch(key)) continue;
                ev.Descend(child, sub, key, pattern);
                if (ev.Stopped) return;
            }
        }
    }
}

/// <summary>additionalProperties: extras are keys outside "properties" that no patternProperties regex matches ("|"-joined, as python does).</summary>
internal sealed class AdditionalPropertiesKeyword(JsonNode? value, SchemaNode? schemaValue, HashSet<string> declared,
    Regex? joinedPatterns, string[]? patternNames) : Keyword("additionalProperties", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.Dict) return;
        var obj = instance!.AsObject();
        List<string>? extras = null;
        foreach (var (key, _) in obj)
        {
            if (declared.Contains(key) || (joinedPatterns is not null && joinedPatterns.IsMatch(key))) continue;
            (extras ??= []).Add(key);
        }
        if (extras is null) return;
        if (schemaValue is not null)
        {
            // python walks a set here (hash order); instance order is the deterministic choice.
            foreach (var extra in extras)
            {
                ev.Descend(obj[extra], schemaValue, extra, null);
                if (ev.Stopped) return;
            }
            return;
        }
        if (Value!.GetValueKind() != System.Text.Json.JsonValueKind.False) return;
        Fail(ev, instance, schema, ev.Collecting ? Message(extras) : "");
    }

    private string Message(List<string> extras)
    {
        var sorted = extras.Order(PyValue.StringComparer).Select(PyRepr.Str);
        if (patternNames is not null)
        {
            var verb = extras.Count == 1 ? "does" : "do";
            var patterns = patternNames.Order(PyValue.StringComparer).Select(PyRepr.Str);
            return $"{string.Join(", ", sorted)} {verb} not match any of the regexes: {string.Join(", ", patterns)}";
        }
        return $"Additional properties are not allowed ({string.Join(", ", sorted)} {(extras.Count == 1 ? "was" : "were")} unexpected)";
    }
}

internal sealed class RequiredKeyword(JsonNode? value, string[] names) : Keyword("required", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.Dict) return;
        var obj = instance!.AsObject();
        foreach (var name in names)
        {
            if (obj.ContainsKey(name)) continue;
            Fail(ev, instance, schema, $"{PyRepr.Str(name)} is a required property");
            if (ev.Stopped) return;
        }
    }
}

internal sealed class PropertyCountKeyword(string name, JsonNode? value, int limit, bool isMin) : Keyword(name, value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.Dict) return;
        var count = instance!.AsObject().Count;
        if (isMin ? count < limit : count > limit)
            Fail(ev, instance, schema, $"{PyRepr.Of(instance)} {(isMin ? "does not have enough properties" : "has too many properties")}");
    }
}

/// <summary>Draft 4 "dependencies" and 2020-12 "dependentRequired"/"dependentSchemas": a list of names, or a schema for the whole object.</summary>
internal sealed class DependenciesKeyword(string name, JsonNode? value, (string Property, string[]? Names, SchemaNode? Schema)[] deps)
    : Keyword(name, value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.Dict) return;
        var obj = instance!.AsObject();
        foreach (var (property, names, sub) in deps)
        {
            if (!obj.ContainsKey(property)) continue;
            if (names is null)
            {
                ev.Descend(instance, sub!, null, property);
                if (ev.Stopped) return;
                continue;
            }
            foreach (var each in names)
            {
                if (obj.ContainsKey(each)) continue;
                Fail(ev, instance, schema, $"{PyRepr.Str(each)} is a dependency of {PyRepr.Str(property)}");
                if (ev.Stopped) return;
            }
        }
    }
}

internal sealed class PropertyNamesKeyword(JsonNode? value, SchemaNode sub) : Keyword("propertyNames", value)
{
    public override void Evaluate(Evaluator ev, JsonNode? instance, PyKind kind, SchemaNode schema)
    {
        if (kind != PyKind.Dict) return;
        foreach (var (key, _) in instance!.AsObject())
        {
            ev.Descend(JsonValue.Create(key), sub, null, null);
            if (ev.Stopped) return;
        }
    }
}
