using System.Text;
using System.Text.Json;
using SharpStack.Core.Policy;

namespace SharpStack.Identity.Tests.Policies;

/// <summary>
/// Every Keystone rule x 10 personas x 5 targets, under five [oslo_policy] configurations (Zed defaults,
/// enforce_scope, enforce_new_defaults, both, and an operator policy file), compared verdict by verdict
/// with oslo.policy's own results (Upstream/keystone_expectations.json).
/// </summary>
public sealed class KeystoneUpstreamMatrixTests
{
    public static TheoryData<string> Configs() =>
        [.. KeystoneFixture.Root.GetProperty("configs").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    private static (JsonElement Config, PolicyEnforcer Enforcer, string? TempFile) Setup(string name)
    {
        var config = KeystoneFixture.Root.GetProperty("configs").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == name);
        string? file = null;
        if (config.TryGetProperty("policy_file", out var content))
        {
            file = Path.Combine(Path.GetTempPath(), $"sharpstack-policy-{name}-{Guid.NewGuid():N}.yaml");
            File.WriteAllText(file, content.GetString());
        }
        var enforcer = KeystoneFixture.Enforcer(
            config.GetProperty("enforce_scope").GetBoolean(),
            config.GetProperty("enforce_new_defaults").GetBoolean(),
            file);
        return (config, enforcer, file);
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Effective_rules_match_oslo(string configName)
    {
        var (config, enforcer, file) = Setup(configName);
        try
        {
            var diffs = new StringBuilder();
            foreach (var p in config.GetProperty("effective").EnumerateObject())
            {
                var ours = enforcer.GetRule(p.Name)!.Check;
                var rendered = ours == PolicyCheck.Always ? "" : ours.ToString();
                if (rendered != p.Value.GetString())
                {
                    diffs.AppendLine($"{p.Name}\n  oslo: {p.Value.GetString()}\n  ours: {rendered}");
                }
            }
            Assert.True(diffs.Length == 0, diffs.ToString());
        }
        finally
        {
            if (file is not null) File.Delete(file);
        }
    }

    [Theory]
    [MemberData(nameof(Configs))]
    public void Every_rule_persona_and_target_gets_the_oslo_verdict(string configName)
    {
        var (config, enforcer, file) = Setup(configName);
        try
        {
            var personas = KeystoneFixture.PersonaOrder.Select(p => (p, KeystoneFixture.Persona(p))).ToList();
            var scenarios = KeystoneFixture.ScenarioOrder.Select(s => (s, KeystoneFixture.Scenario(s))).ToList();
            var diffs = new StringBuilder();
            var compared = 0;
            foreach (var rule in config.GetProperty("results").EnumerateObject())
            {
                var expected = rule.Value.GetString()!;
                var i = 0;
                foreach (var (personaName, creds) in personas)
                {
                    foreach (var (scenarioName, target) in scenarios)
                    {
                        var actual = KeystoneFixture.Verdict(enforcer.Authorize(rule.Name, creds, target));
                        if (actual != expected[i])
                        {
                            diffs.AppendLine($"{rule.Name} {personaName}/{scenarioName}: oslo={expected[i]} ours={actual}");
                        }
                        i++;
                        compared++;
                    }
                }
            }
            Assert.Equal(202 * 10 * 5, compared);
            Assert.True(diffs.Length == 0, diffs.ToString());
        }
        finally
        {
            if (file is not null) File.Delete(file);
        }
    }
}
