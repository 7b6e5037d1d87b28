using System.Text.Json.Nodes;
using SharpStack.Core.Validation;

namespace SharpStack.Core.Tests.Validation;

/// <summary>A malformed schema is a programmer error: it must fail at parse time, saying where and why.</summary>
public class SchemaParseTests
{
    private static readonly JsonSchemaOptions Draft2020 = new() { Draft = SchemaDraft.Draft202012 };

    private static string ParseError(string json, JsonSchemaOptions? options = null) =>
        Assert.Throws<JsonSchemaException>(() => JsonSchema.Parse(json, options)).Message;

    [Theory]
    [InlineData("{", "not JSON")]
    [InlineData("""{"type": "string", "type": "integer"}""", "not JSON")]
    [InlineData("null", "Invalid schema at #: a schema must be an object or a boolean, not null")]
    [InlineData("\"string\"", "Invalid schema at #: a schema must be an object or a boolean, not a string")]
    [InlineData("""{"properties": {"name": {"type": "string", "requried": true}}}""",
        "Invalid schema at #/properties/name/requried: unknown keyword 'requried'")]
    [InlineData("""{"type": "str"}""", "Invalid schema at #/type: unknown type 'str'")]
    [InlineData("""{"type": ["string", 1]}""", "Invalid schema at #/type: expected an array of strings")]
    [InlineData("""{"properties": {"a": {"pattern": "("}}}""", "Invalid schema at #/properties/a/pattern: bad regular expression '('")]
    [InlineData("""{"patternProperties": {"[z-a]": {}}}""", "Invalid schema at #/patternProperties: bad regular expression '[z-a]'")]
    [InlineData("""{"pattern": "a++"}""", "possessive quantifiers are not supported")]
    [InlineData("""{"pattern": "(?x)a b"}""", "inline flag 'x' is not supported")]
    [InlineData("""{"minLength": -1}""", "Invalid schema at #/minLength: expected a non-negative integer")]
    [InlineData("""{"maxItems": "3"}""", "Invalid schema at #/maxItems: expected a non-negative integer")]
    [InlineData("""{"maxLength": 2.0}""", "Invalid schema at #/maxLength: expected a non-negative integer")]
    [InlineData("""{"enum": "a"}""", "Invalid schema at #/enum: enum must be an array")]
    [InlineData("""{"required": "name"}""", "Invalid schema at #/required: expected an array of strings")]
    [InlineData("""{"minimum": "0"}""", "Invalid schema at #/minimum: expected a number")]
    [InlineData("""{"multipleOf": 0}""", "Invalid schema at #/multipleOf: multipleOf must be greater than 0")]
    [InlineData("""{"exclusiveMinimum": 3}""", "Invalid schema at #/exclusiveMinimum: Draft 4 takes a boolean here")]
    [InlineData("""{"additionalProperties": "no"}""", "Invalid schema at #/additionalProperties: expected a boolean")]
    [InlineData("""{"items": true}""", "Invalid schema at #/items: Draft 4 items must be an object or an array of schemas")]
    [InlineData("""{"anyOf": []}""", "Invalid schema at #/anyOf: expected a non-empty array of schemas")]
    [InlineData("""{"oneOf": [{}, 3]}""", "Invalid schema at #/oneOf/1: a schema must be an object or a boolean, not a number")]
    [InlineData("""{"properties": {"type": "object"}}""", "Invalid schema at #/properties/type: a schema must be an object or a boolean, not a string")]
    [InlineData("""{"$ref": "#/definitions/missing"}""", "Invalid schema at #/$ref: unresolvable reference '#/definitions/missing'")]
    [InlineData("""{"$ref": "other.json#/a"}""", "only local references")]
    [InlineData("""{"const": 1}""", "Invalid schema at #/const: keyword 'const' is not part of Draft4")]
    [InlineData("""{"format": "idn-hostname"}""", "format 'idn-hostname' is checked by python-jsonschema but not implemented here")]
    [InlineData("""{"definitions": {"x": {"type": 5}}}""", "Invalid schema at #/definitions/x/type: expected an array of strings")]
    public void RejectsMalformedDraft4Schemas(string json, string expected) => Assert.Contains(expected, ParseError(json));

    [Theory]
    [InlineData("""{"items": [{}]}""", "Invalid schema at #/items: 2020-12 items takes one schema; use prefixItems for positions")]
    [InlineData("""{"exclusiveMaximum": true}""", "Invalid schema at #/exclusiveMaximum: expected a number")]
    [InlineData("""{"unevaluatedProperties": false}""", "keyword 'unevaluatedProperties' is not supported")]
    [InlineData("""{"dependencies": {}}""", "keyword 'dependencies' is not part of Draft202012")]
    [InlineData("""{"contains": {}, "minContains": -1}""", "minContains: expected a non-negative integer")]
    public void RejectsMalformed2020Schemas(string json, string expected) => Assert.Contains(expected, ParseError(json, Draft2020));

    [Fact]
    public void UnknownKeywordMessageExplainsTheEscapeHatch() =>
        Assert.Contains("set JsonSchemaOptions.IgnoreUnknownKeywords", ParseError("""{"options": {"type": "object"}}"""));

    [Fact]
    public void AnnotationsAndExtensionsAreAccepted()
    {
        var schema = JsonSchema.Parse("""
            {
              // comments and trailing commas are fine in C# schema literals
              "$schema": "http://json-schema.org/draft-04/schema#",
              "id": "urn:x", "title": "t", "description": "d", "default": 1, "x-internal": true,
              "type": "object",
            }
            """);
        Assert.True(schema.IsValid(new JsonObject()));
    }

    [Fact]
    public void LenientModeMirrorsUpstreamQuirks()
    {
        // keystone's user_create has a stray top-level "options"; nova's quota_sets has "properties": {"type": "object"}.
        var lenient = new JsonSchemaOptions { IgnoreUnknownKeywords = true };
        var schema = JsonSchema.Parse("""{"options": {"type": "object"}, "properties": {"type": "object", "n": {"type": "integer"}}}""", lenient);
        Assert.Equal("'x' is not of type 'integer'", schema.FirstError(JsonNode.Parse("""{"n": "x"}""")));
        Assert.Null(schema.FirstError(JsonNode.Parse("""{"options": 1}""")));
        // python crashes where an instance reaches the non-schema; so do we.
        var e = Assert.Throws<InvalidOperationException>(() => schema.Validate(JsonNode.Parse("""{"type": 1}""")));
        Assert.Contains("#/properties/type", e.Message);
    }

    [Fact]
    public void RecursiveReferencesCompile()
    {
        var schema = JsonSchema.Parse("""
            {"definitions": {"node": {"properties": {"next": {"$ref": "#/definitions/node"}, "v": {"type": "integer"}}}},
             "$ref": "#/definitions/node"}
            """);
        var error = schema.Validate(JsonNode.Parse("""{"next": {"next": {"v": "x"}}}"""));
        Assert.Equal(["next", "next", "v"], error!.Path);
    }
}
