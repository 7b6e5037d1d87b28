using System.Text.Json.Nodes;
using SharpStack.Core.Validation;

namespace SharpStack.Core.Tests.Validation;

public class JsonSchemaTests
{
    // keystone/assignment/schema.py role_create, as a service would mirror it.
    private static readonly JsonSchema RoleCreate = JsonSchema.Parse("""
        {
          "type": "object",
          "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "[\\S]+"},
            "description": {"type": "string"},
            "options": {"type": "object", "properties": {"immutable": {"type": ["boolean", "null"], "enum": [true, false, null]}},
                        "additionalProperties": false}
          },
          "required": ["name"],
          "additionalProperties": true
        }
        """, JsonSchemaOptions.Keystone);

    [Fact]
    public void ReportsPythonMessageAndPath()
    {
        var error = RoleCreate.Validate(JsonNode.Parse("""{"name": "admin", "options": {"immutable": "yes", "x": 1}}"""));
        Assert.NotNull(error);
        Assert.Equal("'yes' is not of type 'boolean', 'null'", error.Message);
        Assert.Equal(["options", "immutable"], error.Path);
        Assert.Equal("options/immutable", error.JoinedPath());
        Assert.Equal(["properties", "options", "properties", "immutable", "type"], error.SchemaPath);
        Assert.Equal("type", error.Keyword);
        Assert.Equal("'name' is a required property", RoleCreate.FirstError(new JsonObject()));
        Assert.Null(RoleCreate.FirstError(JsonNode.Parse("""{"name": "reader"}""")));
    }

    [Fact]
    public void VerboseMessageIsPythonStr()
    {
        // What keystone answers for {"name": null} ("Invalid input for field 'name': " + str(error)), checked with python.
        var error = RoleCreate.Validate(JsonNode.Parse("""{"name": null}"""))!;
        Assert.Equal("""
            None is not of type 'string'

            Failed validating 'type' in schema['properties']['name']:
                {'maxLength': 255,
                 'minLength': 1,
                 'pattern': '[\\S]+',
                 'type': 'string'}

            On instance['name']:
                None
            """.ReplaceLineEndings("\n"), error.VerboseMessage);
    }

    [Fact]
    public void FirstAndBestMatchFollowTheService()
    {
        var schema = JsonSchema.Parse("""{"properties": {"a": {"properties": {"b": {"type": "string"}}}}, "required": ["z"]}""");
        var instance = JsonNode.Parse("""{"a": {"b": 1}}""");
        // keystone/nova: Validator.validate raises the first error iter_errors yields.
        Assert.Equal("1 is not of type 'string'", schema.Validate(instance, ErrorSelection.First)!.Message);
        // placement: jsonschema.validate raises best_match, which prefers the shallowest error.
        Assert.Equal("'z' is a required property", schema.Validate(instance, ErrorSelection.BestMatch)!.Message);
        Assert.Equal(2, schema.AllErrors(instance).Count);
    }

    [Fact]
    public void PlacementPresetUsesDraft2020BestMatchAndUuidLike()
    {
        var schema = JsonSchema.Parse("""
            {"type": "object", "properties": {"uuid": {"type": "string", "format": "uuid"}, "total": {"type": "integer"}},
             "additionalProperties": false}
            """, JsonSchemaOptions.Placement);
        Assert.Null(schema.FirstError(JsonNode.Parse("""{"uuid": "30CFD3C85A3E4F41A6C22F9F5E9ED8A5", "total": 1.0}""")));
        Assert.Equal("'x' is not a 'uuid'", schema.FirstError(JsonNode.Parse("""{"uuid": "x"}""")));
        Assert.Equal("Additional properties are not allowed ('a', 'b' were unexpected)",
            schema.FirstError(JsonNode.Parse("""{"b": 1, "a": 2, "total": "x"}""")));
    }

    [Fact]
    public void ProgrammaticNodesKeepTheirPythonType()
    {
        var schema = JsonSchema.Parse("""{"type": "integer", "maximum": 3}""");
        Assert.Null(schema.FirstError(JsonValue.Create(2)));
        Assert.Equal("2.0 is not of type 'integer'", schema.FirstError(JsonValue.Create(2.0)));
        Assert.Equal("4 is greater than the maximum of 3", schema.FirstError(JsonValue.Create(4L)));
        Assert.Equal("True is not of type 'integer'", schema.FirstError(JsonValue.Create(true)));
        Assert.Equal("None is not of type 'integer'", schema.FirstError(null));
        Assert.Equal("'a' is not of type 'integer'", schema.FirstError(JsonValue.Create("a")));
    }

    [Fact]
    public void CustomFormatsAndCauses()
    {
        var formats = FormatChecker.Default
            .With("name", n => n is not null && !PyStrip(n.GetValue<string>()).Equals(n.GetValue<string>(), StringComparison.Ordinal)
                ? throw new FormatException("leading or trailing whitespace") : true);
        var schema = JsonSchema.Parse("""{"format": "name"}""", new JsonSchemaOptions { Formats = formats });
        var error = schema.Validate(JsonValue.Create(" a"))!;
        Assert.Equal("' a' is not a 'name'", error.Message);
        Assert.IsType<FormatException>(error.Cause);
        Assert.Null(schema.Validate(JsonValue.Create("a")));
        Assert.True(JsonSchema.Parse("""{"format": "email"}""", new JsonSchemaOptions { Formats = null }).IsValid(JsonValue.Create("x")));
        Assert.False(FormatChecker.Default.Conforms(JsonValue.Create("x"), "email"));
        Assert.True(FormatChecker.Default.Without("email").Conforms(JsonValue.Create("x"), "email"));

        static string PyStrip(string s) => s.Trim();
    }

    [Fact]
    public void AnyOfContextAndParents()
    {
        var schema = JsonSchema.Parse("""{"properties": {"a": {"anyOf": [{"type": "string"}, {"properties": {"b": {"type": "integer"}}}]}}}""");
        var top = schema.Validate(JsonNode.Parse("""{"a": {"b": "x"}}"""), ErrorSelection.First)!;
        Assert.Equal("anyOf", top.Keyword);
        Assert.Equal(2, top.Context.Count);
        var best = schema.Validate(JsonNode.Parse("""{"a": {"b": "x"}}"""), ErrorSelection.BestMatch)!;
        Assert.Equal("'x' is not of type 'integer'", best.Message);
        Assert.Equal(["b"], best.Path); // python's error.path is relative to the anyOf
        Assert.Equal(["a", "b"], best.AbsolutePath);
        Assert.Equal(top.Message, best.Parent!.Message);
    }

    [Fact]
    public void ValidatesConcurrently()
    {
        var instances = Enumerable.Range(0, 200)
            .Select(i => JsonNode.Parse(i % 3 == 0 ? $$"""{"name": "r{{i}}"}""" : i % 3 == 1 ? $$"""{"name": {{i}}}""" : """{"options": {"x": 1}}"""))
            .ToArray();
        var expected = instances.Select(i => RoleCreate.FirstError(i)).ToArray();
        // A fresh schema (nothing touched yet) shared by all threads; each request body is its own copy.
        var schema = JsonSchema.Parse(RoleCreateText());
        var bodies = Enumerable.Range(0, 2000).Select(i => instances[i % instances.Length]!.DeepClone()).ToArray();
        var results = new string?[bodies.Length];
        Parallel.For(0, bodies.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = schema.FirstError(bodies[i]));
        for (var i = 0; i < bodies.Length; i++) Assert.Equal(expected[i % instances.Length], results[i]);
    }

    private static string RoleCreateText() => """
        {"type": "object", "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "[\\S]+"},
         "description": {"type": "string"}, "options": {"type": "object", "properties": {"immutable": {"type": ["boolean", "null"],
         "enum": [true, false, null]}}, "additionalProperties": false}}, "required": ["name"], "additionalProperties": true}
        """;
}
