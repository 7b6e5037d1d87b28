using System.Text;
using System.Text.Json.Nodes;
using SharpStack.Core.Validation;

namespace SharpStack.Core.Tests.Validation;

/// <summary>
/// Replays cases.json (recorded from python-jsonschema 4.10.3 by generate_cases.py) through JsonSchema and
/// requires the same validity, messages, paths, schema paths, keyword and str(error) text.
/// </summary>
public class PythonAgreementTests
{
    private static readonly Lazy<JsonObject> Data = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Validation", "cases.json")))!.AsObject());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> Compiled = new();

    private static JsonSchema Schema(string name) =>
        Compiled.GetOrAdd(name, n => Compile(Data.Value["schemas"]![n]!.AsObject()));

    private static JsonSchema Compile(JsonObject spec)
    {
        var options = new JsonSchemaOptions
        {
            Draft = (string)spec["draft"]! == "draft4" ? SchemaDraft.Draft4 : SchemaDraft.Draft202012,
            Formats = (string)spec["formats"]! switch
            {
                "none" => null,
                "placement" => JsonSchemaOptions.Placement.Formats,
                _ => FormatChecker.Default,
            },
            IgnoreUnknownKeywords = true,
        };
        return JsonSchema.FromNode(spec["schema"], options);
    }

    public static TheoryData<string> SchemaNames()
    {
        var data = new TheoryData<string>();
        foreach (var (name, _) in Data.Value["schemas"]!.AsObject()) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void MatchesPython(string schemaName)
    {
        var known = Data.Value["known_differences"]!.AsObject();
        var schema = Schema(schemaName);
        var failures = new StringBuilder();
        var count = 0;
        foreach (var c in Data.Value["cases"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string)c["schema"]! == schemaName))
        {
            var id = (string)c["id"]!;
            if (known.ContainsKey(id)) continue;
            count++;
            var problems = Compare(schema, c);
            if (problems.Count > 0)
                failures.Append($"\n{id} instance={c["instance"]?.ToJsonString() ?? "null"}\n  ").AppendJoin("\n  ", problems);
        }
        Assert.True(count > 0);
        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public void AgreementIsComplete()
    {
        var cases = Data.Value["cases"]!.AsArray();
        var known = Data.Value["known_differences"]!.AsObject();
        var agreeing = cases.Count(c => Compare(Schema((string)c!["schema"]!), c.AsObject()).Count == 0);
        Assert.True(cases.Count > 1000, $"only {cases.Count} cases");
        Assert.Equal(cases.Count - known.Count, agreeing);
    }

    private static List<string> Compare(JsonSchema schema, JsonObject c)
    {
        var problems = new List<string>();
        var instance = c["instance"];
        var valid = (bool)c["valid"]!;
        if (schema.IsValid(instance) != valid) problems.Add($"IsValid: expected {valid}");

        var all = schema.AllErrors(instance).Select(e => e.Message).ToList();
        var expectedAll = c["all"]!.AsArray().Select(m => (string)m!).ToList();
        if (!all.SequenceEqual(expectedAll))
            problems.Add($"all errors: expected [{string.Join(" | ", expectedAll)}] got [{string.Join(" | ", all)}]");

        var first = schema.Validate(instance, ErrorSelection.First);
        var best = schema.Validate(instance, ErrorSelection.BestMatch);
        if (valid)
        {
            if (first is not null) problems.Add($"expected valid, got: {first.Message}");
            return problems;
        }
        CompareError("first", c["first"]!.AsObject(), first, problems);
        var expectedBest = c["best"] is JsonObject b ? b : c["first"]!.AsObject();
        CompareError("best", expectedBest, best, problems);
        return problems;
    }

    private static void CompareError(string label, JsonObject expected, ValidationError? actual, List<string> problems)
    {
        if (actual is null)
        {
            problems.Add($"{label}: expected error {(string)expected["message"]!}, got none");
            return;
        }
        void Check(string what, string? want, string? got)
        {
            if (want != got) problems.Add($"{label} {what}:\n    python: {want}\n    ours:   {got}");
        }
        Check("message", (string)expected["message"]!, actual.Message);
        Check("path", PathText(expected["path"]), PathText(actual.Path));
        Check("absolute_path", PathText(expected["absolute_path"]), PathText(actual.AbsolutePath));
        Check("schema_path", PathText(expected["schema_path"]), PathText(actual.SchemaPath));
        Check("validator", (string?)expected["validator"], actual.Keyword);
        Check("verbose", (string)expected["verbose"]!, actual.VerboseMessage);
    }

    private static string PathText(JsonNode? path) =>
        string.Join(", ", path!.AsArray().Select(p => p!.GetValueKind() == System.Text.Json.JsonValueKind.String ? $"'{p}'" : p!.ToJsonString()));

    private static string PathText(IEnumerable<object> path) =>
        string.Join(", ", path.Select(p => p is string s ? $"'{s}'" : p.ToString()));
}
