using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SharpStack.Core.Validation;

/// <summary>Turns schema JSON into <see cref="SchemaNode"/>s, rejecting anything python would crash on or silently ignore.</summary>
internal sealed class SchemaCompiler(JsonNode root, JsonSchemaOptions options)
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "title", "description", "default", "examples", "$schema", "id", "$id", "$comment",
        "readOnly", "writeOnly", "deprecated", "contentMediaType", "contentEncoding",
    };

    private readonly Dictionary<JsonNode, SchemaNode> _compiled = new(ReferenceEqualityComparer.Instance);
    private readonly List<(RefKeyword Keyword, string Location)> _refs = [];
    private bool Draft4 => options.Draft == SchemaDraft.Draft4;

    public SchemaNode Compile()
    {
        var node = Schema(root, "#");
        // Resolve after the whole tree exists so that recursive references find their targets.
        for (var i = 0; i < _refs.Count; i++)
        {
            var (keyword, location) = _refs[i];
            var reference = PyValue.Str(keyword.Value!);
            keyword.Target = Schema(Resolve(reference, location), reference);
        }
        return node;
    }

    private static JsonSchemaException Error(string location, string message) => new($"Invalid schema at {location}: {message}");

    private SchemaNode Schema(JsonNode? json, string location)
    {
        if (json is JsonObject obj) return Object(obj, location);
        var kind = PyValue.Kind(json);
        if (kind == PyKind.Bool) return new SchemaNode(json) { IsBoolean = true, BooleanValue = PyValue.Bool(json!) };
        var message = $"a schema must be an object or a boolean, not {Describe(json)}";
        // Lenient mode mirrors upstream bugs such as nova's {"properties": {"type": "object", ...}}: python only
        // crashes when an instance reaches that spot, so do the same instead of refusing the schema.
        if (options.IgnoreUnknownKeywords) return new SchemaNode(json) { Keywords = [new BrokenKeyword(location, message)] };
        throw Error(location, message);
    }

    private static string Describe(JsonNode? json) => PyValue.Kind(json) switch
    {
        PyKind.None => "null",
        PyKind.Bool => "a boolean",
        PyKind.Int or PyKind.Float => "a number",
        PyKind.Str => "a string",
        PyKind.List => "an array",
        _ => "an object",
    };

    private SchemaNode Object(JsonObject obj, string location)
    {
        if (_compiled.TryGetValue(obj, out var existing)) return existing;
        var node = new SchemaNode(obj);
        _compiled[obj] = node;
        var keywords = new List<Keyword>();
        foreach (var (name, value) in obj)
        {
            var at = $"{location}/{Escape(name)}";
            var keyword = Keyword(obj, name, value, at, node);
            if (keyword is not null) keywords.Add(keyword);
        }
        // Draft 4 applies only $ref when present (ignore_ref_siblings); the siblings were still checked above.
        var reference = keywords.OfType<RefKeyword>().FirstOrDefault();
        node.Keywords = Draft4 && reference is not null ? [reference] : [.. keywords];
        return node;
    }

    private Keyword? Keyword(JsonObject schema, string name, JsonNode? value, string at, SchemaNode node)
    {
        switch (name)
        {
            case "type":
                var types = PyValue.Kind(value) == PyKind.Str ? [PyValue.Str(value!)] : StringArray(value, at);
                foreach (var t in types)
                    if (!Types.Names.Contains(t)) throw Error(at, $"unknown type {PyRepr.Str(t)}");
                node.Types = types;
                return new TypeKeyword(value, types);
            case "enum":
                if (PyValue.Kind(value) != PyKind.List) throw Error(at, "enum must be an array");
                return new EnumKeyword(value);
            case "const" when !Draft4:
                return new ConstKeyword(value);
            case "properties":
                return new PropertiesKeyword(value, [.. Members(value, at).Select(m => (m.Key, Schema(m.Value, $"{at}/{Escape(m.Key)}")))]);
            case "patternProperties":
                return new PatternPropertiesKeyword(value,
                    [.. Members(value, at).Select(m => (m.Key, Regex(m.Key, at), Schema(m.Value, $"{at}/{Escape(m.Key)}")))]);
            case "additionalProperties":
                return AdditionalProperties(schema, value, at);
            case "required":
                return new RequiredKeyword(value, StringArray(value, at));
            case "minProperties" or "maxProperties":
                return new PropertyCountKeyword(name, value, Count(value, at), name == "minProperties");
            case "minLength" or "maxLength":
                return new LengthKeyword(name, value, Count(value, at), name == "minLength");
            case "minItems" or "maxItems":
                return new ItemCountKeyword(name, value, Count(value, at), name == "minItems");
            case "pattern":
                return new PatternKeyword(value, RegexSource(value, at));
            case "format":
                var format = String(value, at);
                if (options.Formats?.IsUnsupported(format) == true)
                    throw Error(at, $"format {PyRepr.Str(format)} is checked by python-jsonschema but not implemented here");
                return new FormatKeyword(value, format);
            case "minimum" or "maximum":
                Number(value, at);
                var exclusiveName = name == "minimum" ? "exclusiveMinimum" : "exclusiveMaximum";
                var exclusive = Draft4 && schema[exclusiveName] is { } flag && PyValue.Kind(flag) == PyKind.Bool && PyValue.Bool(flag);
                return new BoundKeyword(name, value, name == "minimum", exclusive);
            case "exclusiveMinimum" or "exclusiveMaximum":
                if (Draft4)
                {
                    if (PyValue.Kind(value) != PyKind.Bool) throw Error(at, "Draft 4 takes a boolean here");
                    return null;
                }
                Number(value, at);
                return new BoundKeyword(name, value, name == "exclusiveMinimum", exclusive: true);
            case "multipleOf":
                if (PyNumber.Compare(Number(value, at), PyNumber.FromInt(0)) is not > 0) throw Error(at, "multipleOf must be greater than 0");
                return new MultipleOfKeyword(value);
            case "items":
                return Items(schema, value, at);
            case "prefixItems" when !Draft4:
                return new PrefixItemsKeyword(value, SchemaArray(value, at, allowEmpty: false));
            case "additionalItems" when Draft4:
                var itemCount = schema["items"] is JsonArray items ? items.Count : -1;
                return new AdditionalItemsKeyword(value, value is JsonObject ? Schema(value, at) : BoolSchema(value, at), itemCount);
            case "uniqueItems":
                Bool(value, at);
                return new UniqueItemsKeyword(value);
            case "contains" when !Draft4:
                var min = schema["minContains"];
                var max = schema["maxContains"];
                if (min is not null) Count(min, at + "/../minContains");
                if (max is not null) Count(max, at + "/../maxContains");
                return new ContainsKeyword(value, Schema(value, at), min, max);
            case "minContains" or "maxContains" when !Draft4:
                Count(value, at);
                return null;
            case "propertyNames" when !Draft4:
                return new PropertyNamesKeyword(value, Schema(value, at));
            case "dependencies" when Draft4:
                return Dependencies(name, value, at, allowNames: true, allowSchemas: true);
            case "dependentRequired" when !Draft4:
                return Dependencies(name, value, at, allowNames: true, allowSchemas: false);
            case "dependentSchemas" when !Draft4:
                return Dependencies(name, value, at, allowNames: false, allowSchemas: true);
            case "allOf":
                return new AllOfKeyword(value, SchemaArray(value, at, allowEmpty: false));
            case "anyOf":
                return new AnyOfKeyword(value, SchemaArray(value, at, allowEmpty: false));
            case "oneOf":
                return new OneOfKeyword(value, SchemaArray(value, at, allowEmpty: false));
            case "not":
                return new NotKeyword(value, Schema(value, at));
            case "if" when !Draft4:
                var then = schema["then"];
                var @else = schema["else"];
                return new IfKeyword(value, Schema(value, at), then is null ? null : Schema(then, at + "/../then"),
                    @else is null ? null : Schema(@else, at + "/../else"));
            case "then" or "else" when !Draft4:
                Schema(value, at);
                return null;
            case "$ref":
                var reference = String(value, at);
                if (!reference.StartsWith('#')) throw Error(at, $"only local references (\"#/...\") are supported, not {PyRepr.Str(reference)}");
                var keyword = new RefKeyword(value);
                _refs.Add((keyword, at));
                return keyword;
            case "unevaluatedProperties" or "unevaluatedItems" or "$dynamicRef" or "$recursiveRef" or "$anchor" or "$dynamicAnchor" when !Draft4:
                throw Error(at, $"keyword {PyRepr.Str(name)} is not supported");
            case "definitions" or "$defs":
                foreach (var m in Members(value, at)) Schema(m.Value, $"{at}/{Escape(m.Key)}");
                return null;
        }
        if (Annotations.Contains(name) || name.StartsWith("x-", StringComparison.Ordinal) || options.IgnoreUnknownKeywords) return null;
        var known = name is "const" or "prefixItems" or "contains" or "minContains" or "maxContains" or "propertyNames"
            or "dependentRequired" or "dependentSchemas" or "if" or "then" or "else" or "dependencies" or "additionalItems";
        const string hint = " (python ignores it; set JsonSchemaOptions.IgnoreUnknownKeywords to mirror such a schema verbatim)";
        if (known) throw Error(at, $"keyword {PyRepr.Str(name)} is not part of {options.Draft}{hint}");
        throw Error(at, $"unknown keyword {PyRepr.Str(name)}{hint}");
    }

    private Keyword AdditionalProperties(JsonObject schema, JsonNode? value, string at)
    {
        var sub = value is JsonObject ? Schema(value, at) : null;
        if (sub is null) Bool(value, at);
        var declared = schema["properties"] is JsonObject props ? props.Select(p => p.Key).ToHashSet(StringComparer.Ordinal) : [];
        string[]? patterns = null;
        Regex? joined = null;
        if (schema.ContainsKey("patternProperties"))
        {
            patterns = schema["patternProperties"] is JsonObject pp ? [.. pp.Select(p => p.Key)] : [];
            var source = string.Join("|", patterns);
            if (source.Length > 0) joined = Regex(source, at);
        }
        return new AdditionalPropertiesKeyword(value, sub, declared, joined, patterns);
    }

    private Keyword Items(JsonObject schema, JsonNode? value, string at)
    {
        if (Draft4)
        {
            if (value is JsonArray) return new ItemsKeyword(value, null, SchemaArray(value, at, allowEmpty: true), -1);
            if (value is not JsonObject) throw Error(at, "Draft 4 items must be an object or an array of schemas");
            return new ItemsKeyword(value, Schema(value, at), null, -1);
        }
        if (value is JsonArray) throw Error(at, "2020-12 items takes one schema; use prefixItems for positions");
        var prefix = schema["prefixItems"] is JsonArray p ? p.Count : 0;
        return new ItemsKeyword(value, Schema(value, at), null, prefix);
    }

    private DependenciesKeyword Dependencies(string name, JsonNode? value, string at, bool allowNames, bool allowSchemas)
    {
        var deps = new List<(string, string[]?, SchemaNode?)>();
        foreach (var (property, dep) in Members(value, at))
        {
            var where = $"{at}/{Escape(property)}";
            if (dep is JsonArray && allowNames) deps.Add((property, StringArray(dep, where), null));
            else if (allowSchemas) deps.Add((property, null, Schema(dep, where)));
            else throw Error(where, "expected an array of property names");
        }
        return new DependenciesKeyword(name, value, [.. deps]);
    }

    private SchemaNode? BoolSchema(JsonNode? value, string at)
    {
        Bool(value, at);
        return null;
    }

    private SchemaNode[] SchemaArray(JsonNode? value, string at, bool allowEmpty)
    {
        if (value is not JsonArray array || (!allowEmpty && array.Count == 0))
            throw Error(at, allowEmpty ? "expected an array of schemas" : "expected a non-empty array of schemas");
        return [.. array.Select((s, i) => Schema(s, $"{at}/{i}"))];
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Members(JsonNode? value, string at) =>
        value as JsonObject ?? throw Error(at, "expected an object");

    private static string[] StringArray(JsonNode? value, string at)
    {
        if (value is not JsonArray array || array.Any(v => PyValue.Kind(v) != PyKind.Str))
            throw Error(at, "expected an array of strings");
        return [.. array.Select(v => PyValue.Str(v!))];
    }

    private static string String(JsonNode? value, string at) =>
        PyValue.Kind(value) == PyKind.Str ? PyValue.Str(value!) : throw Error(at, "expected a string");

    private static void Bool(JsonNode? value, string at)
    {
        if (PyValue.Kind(value) != PyKind.Bool) throw Error(at, "expected a boolean");
    }

    private static PyNumber Number(JsonNode? value, string at) =>
        PyValue.IsNumeric(PyValue.Kind(value)) ? PyValue.Number(value!) : throw Error(at, "expected a number");

    private static int Count(JsonNode? value, string at)
    {
        if (PyValue.Kind(value) != PyKind.Int) throw Error(at, "expected a non-negative integer");
        var n = PyValue.Number(value!).Int;
        return n.Sign >= 0 && n <= int.MaxValue ? (int)n : throw Error(at, "expected a non-negative integer");
    }

    private static string RegexSource(JsonNode? value, string at)
    {
        var source = String(value, at);
        Regex(source, at);
        return source;
    }

    private static Regex Regex(string source, string at)
    {
        try
        {
            return PyRegex.Get(source);
        }
        catch (ArgumentException e)
        {
            throw Error(at, $"bad regular expression {PyRepr.Str(source)}: {e.Message}");
        }
    }

    private JsonNode? Resolve(string reference, string at)
    {
        // RefResolver.resolve_fragment: strip leading '/', unquote, split, unescape ~1 and ~0, index lists by number.
        var fragment = Uri.UnescapeDataString(reference[1..].TrimStart('/'));
        JsonNode? node = root;
        if (fragment.Length == 0) return node;
        foreach (var raw in fragment.Split('/'))
        {
            var part = raw.Replace("~1", "/").Replace("~0", "~");
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(part, out var child) => child,
                JsonArray a when int.TryParse(part, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw Error(at, $"unresolvable reference {PyRepr.Str(reference)}"),
            };
        }
        return node;
    }

    private static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");
}
