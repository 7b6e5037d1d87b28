using System.Text;
using System.Text.Json;
using SharpStack.Core.Policy;

namespace SharpStack.Core.Tests.Policy;

/// <summary>
/// Replays Upstream/oslo_cases.json, produced by running oslo.policy 4.0.0 itself
/// (Upstream/generate_oslo_cases.py): for ~1000 rule strings, whether oslo parses them, the canonical
/// str() of the tree, and oslo's verdict for every credentials/target pair in the file.
/// </summary>
public sealed class OsloDifferentialTests
{
    private sealed record Corpus(
        IReadOnlyDictionary<string, PolicyCheck> Rules,
        List<(PolicyCredentials Creds, Dictionary<string, object?> Target, string Label)> Pairs,
        List<JsonElement> Cases);

    private static readonly Lazy<(JsonDocument Doc, Corpus Corpus)> Data = new(() =>
    {
        var doc = PolicyTestData.LoadFixture("oslo_cases.json");
        var root = doc.RootElement;
        var rules = root.GetProperty("rules").EnumerateObject()
            .ToDictionary(p => p.Name, p => PolicyParser.Parse(p.Value.GetString()!), StringComparer.Ordinal);
        var creds = root.GetProperty("creds");
        var targets = root.GetProperty("targets");
        var pairs = root.GetProperty("eval_order").EnumerateArray()
            .Select(pair =>
            {
                var c = pair[0].GetString()!;
                var t = pair[1].GetString()!;
                return (PolicyTestData.Credentials(creds.GetProperty(c)), PolicyTestData.Target(targets.GetProperty(t)), $"{c}/{t}");
            })
            .ToList();
        return (doc, new Corpus(rules, pairs, [.. root.GetProperty("cases").EnumerateArray()]));
    });

    [Fact]
    public void Corpus_is_substantial()
    {
        var corpus = Data.Value.Corpus;
        Assert.True(corpus.Cases.Count > 900);
        Assert.True(corpus.Cases.Count(c => c.GetProperty("parses").GetBoolean()) > 500);
        Assert.True(corpus.Cases.Count(c => !c.GetProperty("parses").GetBoolean()) > 300);
    }

    [Fact]
    public void Accepts_and_rejects_the_same_rule_strings_as_oslo()
    {
        var mismatches = new StringBuilder();
        foreach (var c in Data.Value.Corpus.Cases)
        {
            var rule = c.GetProperty("rule").GetString()!;
            var osloParses = c.GetProperty("parses").GetBoolean();
            var ours = PolicyParser.TryParse(rule, out _, out var error);
            if (ours != osloParses)
            {
                mismatches.AppendLine($"[{rule}] oslo parses={osloParses}, ours={ours} {error?.Message}");
            }
        }
        Assert.True(mismatches.Length == 0, mismatches.ToString());
    }

    [Fact]
    public void Builds_the_same_tree_as_oslo()
    {
        var mismatches = new StringBuilder();
        foreach (var c in Data.Value.Corpus.Cases.Where(c => c.GetProperty("parses").GetBoolean()))
        {
            var rule = c.GetProperty("rule").GetString()!;
            var expected = c.GetProperty("str").GetString()!;
            var actual = PolicyParser.Parse(rule).ToString();
            if (actual != expected)
            {
                mismatches.AppendLine($"[{rule}]\n  oslo: {expected}\n  ours: {actual}");
            }
        }
        Assert.True(mismatches.Length == 0, mismatches.ToString());
    }

    [Fact]
    public void Evaluates_like_oslo_for_every_credentials_and_target()
    {
        var corpus = Data.Value.Corpus;
        var mismatches = new StringBuilder();
        var compared = 0;
        foreach (var c in corpus.Cases.Where(c => c.GetProperty("parses").GetBoolean()))
        {
            var rule = c.GetProperty("rule").GetString()!;
            var expected = c.GetProperty("eval").GetString()!;
            var check = PolicyParser.Parse(rule);
            for (var i = 0; i < corpus.Pairs.Count; i++)
            {
                var (creds, target, label) = corpus.Pairs[i];
                var actual = check.Evaluate(creds, target, corpus.Rules) ? '1' : '0';
                compared++;
                if (actual != expected[i])
                {
                    mismatches.AppendLine($"[{rule}] {label}: oslo={expected[i]} ours={actual}");
                }
            }
        }
        Assert.True(compared > 10_000);
        Assert.True(mismatches.Length == 0, mismatches.ToString());
    }

    [Fact]
    public void Literal_kinds_render_like_python_literal_eval()
    {
        var literals = Data.Value.Doc.RootElement.GetProperty("literals").EnumerateArray().ToList();
        Assert.True(literals.Count > 40);
        foreach (var l in literals)
        {
            var kind = l.GetProperty("kind").GetString()!;
            var expected = l.GetProperty("str").ValueKind == JsonValueKind.Null ? null : l.GetProperty("str").GetString();
            var check = Assert.IsType<GenericCheck>(PolicyParser.Parse(kind + ":m"));
            Assert.True(expected == check.LiteralValue, $"{kind}: python [{expected}] ours [{check.LiteralValue}]");
        }
    }

    [Fact]
    public void Evaluates_like_oslo_when_values_are_json_elements()
    {
        // Same corpus, but credentials extras and targets given as System.Text.Json elements.
        var doc = Data.Value.Doc.RootElement;
        var corpus = Data.Value.Corpus;
        var creds = doc.GetProperty("creds");
        var targets = doc.GetProperty("targets");
        var pairs = doc.GetProperty("eval_order").EnumerateArray().Select(pair =>
        {
            var cj = creds.GetProperty(pair[0].GetString()!);
            var credentials = PolicyTestData.Credentials(cj);
            foreach (var key in credentials.Extra.Keys.ToList())
            {
                credentials.Extra[key] = cj.GetProperty(key).Clone();
            }
            var target = targets.GetProperty(pair[1].GetString()!).EnumerateObject()
                .ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
            return (credentials, target);
        }).ToList();

        var mismatches = new StringBuilder();
        foreach (var c in corpus.Cases.Where(c => c.GetProperty("parses").GetBoolean()))
        {
            var rule = c.GetProperty("rule").GetString()!;
            var expected = c.GetProperty("eval").GetString()!;
            var check = PolicyParser.Parse(rule);
            for (var i = 0; i < pairs.Count; i++)
            {
                var actual = check.Evaluate(pairs[i].credentials, pairs[i].target, corpus.Rules) ? '1' : '0';
                if (actual != expected[i])
                {
                    mismatches.AppendLine($"[{rule}] pair {i}: oslo={expected[i]} ours={actual}");
                }
            }
        }
        Assert.True(mismatches.Length == 0, mismatches.ToString());
    }
}
