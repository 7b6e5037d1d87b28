using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SharpStack.Core.Errors;

namespace SharpStack.Image.Metadefs;

/// <summary>Glance's PropertyType model: a property definition keeps only its known attributes, in the model's
/// order, converted as the model converts them (integers truncated, default as text); the rest is refused.</summary>
public static class PropertyType
{
    private enum Kind { Text, Bool, Int, TextList, Items, Default }

    private static readonly (string Name, Kind Kind)[] Attributes =
    [
        ("name", Kind.Text), ("type", Kind.Text), ("title", Kind.Text), ("description", Kind.Text),
        ("operators", Kind.TextList), ("default", Kind.Default), ("readonly", Kind.Bool), ("minimum", Kind.Int),
        ("maximum", Kind.Int), ("enum", Kind.TextList), ("pattern", Kind.Text), ("minLength", Kind.Int),
        ("maxLength", Kind.Int), ("confidential", Kind.Bool), ("items", Kind.Items), ("uniqueItems", Kind.Bool),
        ("minItems", Kind.Int), ("maxItems", Kind.Int), ("additionalItems", Kind.Bool),
    ];

    /// <summary>The definition as stored (without its name, which is the row's), from a request's JSON object.</summary>
    public static JsonObject Normalize(JsonObject body)
    {
        foreach (var (key, _) in body)
            if (!Attributes.Any(a => a.Name == key)) throw ApiException.BadRequest($"Unknown attribute for argument None: {key}");
        var result = new JsonObject();
        foreach (var (name, kind) in Attributes)
        {
            if (name == "name" || !body.TryGetPropertyValue(name, out var value) || value is null) continue;
            result[name] = Convert(name, kind, value);
        }
        return result;
    }

    /// <summary>The stored definition as the API shows it, with its name first when given.</summary>
    public static JsonObject Render(string? name, string json)
    {
        var stored = JsonNode.Parse(json) as JsonObject ?? [];
        var result = new JsonObject();
        if (name is not null) result["name"] = name;
        foreach (var (key, _) in Attributes)
            if (key != "name" && stored[key] is { } v) result[key] = v.DeepClone();
        return result;
    }

    private static JsonNode Convert(string name, Kind kind, JsonNode value) => kind switch
    {
        Kind.Text => Text(name, value),
        Kind.Bool => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.DeepClone() : JsonValue.Create(Truthy(value)),
        Kind.Int => value.GetValueKind() == JsonValueKind.Number
            ? JsonValue.Create((long)Math.Truncate(value.GetValue<double>()))
            : throw Invalid(name, value, "Wrong type. Expected '<class 'int'>'"),
        Kind.TextList => value is JsonArray a
            ? new JsonArray(a.Select(i => (JsonNode?)Text(name, i ?? throw Invalid(name, value, "Wrong type."))).ToArray())
            : throw Invalid(name, value, "Wrong type. Expected '[<class 'str'>]'"),
        Kind.Items => Items(value),
        _ => JsonValue.Create(DefaultText(value)),
    };

    private static JsonNode Items(JsonNode value)
    {
        if (value is not JsonObject o) throw Invalid("items", value, "Wrong type.");
        var result = new JsonObject();
        if (o["type"] is { } t) result["type"] = Text("type", t);
        if (o["enum"] is { } e) result["enum"] = Convert("enum", Kind.TextList, e);
        return result;
    }

    private static JsonNode Text(string name, JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? value.DeepClone()
            : throw Invalid(name, value, $"Wrong type. Expected '<class 'str'>', got '{PythonType(value)}'");

    /// <summary>wsme's bytes attribute: text as given, anything else as Python's str() of it.</summary>
    private static string DefaultText(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Number => value.ToJsonString(),
        _ => value.ToJsonString(),
    };

    private static bool Truthy(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => value.GetValue<double>() != 0,
        JsonValueKind.String => value.GetValue<string>().Length > 0,
        JsonValueKind.Array => value.AsArray().Count > 0,
        JsonValueKind.Object => value.AsObject().Count > 0,
        _ => false,
    };

    private static string PythonType(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => value.ToJsonString().Contains('.') ? "<class 'float'>" : "<class 'int'>",
        JsonValueKind.True or JsonValueKind.False => "<class 'bool'>",
        JsonValueKind.Array => "<class 'list'>",
        JsonValueKind.Object => "<class 'dict'>",
        _ => "<class 'NoneType'>",
    };

    private static ApiException Invalid(string name, JsonNode value, string reason) =>
        ApiException.BadRequest(string.Create(CultureInfo.InvariantCulture,
            $"Invalid input for field/attribute {name}. Value: '{value.ToJsonString()}'. {reason}"));
}
