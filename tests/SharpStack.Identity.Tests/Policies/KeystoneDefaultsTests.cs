using System.Reflection;
using System.Text;
using SharpStack.Core.Policy;
using SharpStack.Identity.Policies;

namespace SharpStack.Identity.Tests.Policies;

public sealed class KeystoneDefaultsTests
{
    [Fact]
    public void Registers_all_202_zed_rules_in_keystone_order()
    {
        var facts = KeystoneFixture.Root.GetProperty("facts").EnumerateArray().ToList();
        Assert.Equal(202, facts.Count);
        Assert.Equal(facts.Count, KeystonePolicies.All.Count);
        Assert.Equal(
            facts.Select(f => f.GetProperty("name").GetString()),
            KeystonePolicies.All.Select(r => r.Name));
    }

    [Fact]
    public void Names_check_strings_scope_types_and_deprecated_defaults_match_upstream_exactly()
    {
        var byName = KeystonePolicies.All.ToDictionary(r => r.Name);
        var diffs = new StringBuilder();
        foreach (var f in KeystoneFixture.Root.GetProperty("facts").EnumerateArray())
        {
            var name = f.GetProperty("name").GetString()!;
            var rule = byName[name];
            void Same(string what, object? expected, object? actual)
            {
                if (!Equals(expected, actual)) diffs.AppendLine($"{name} {what}: upstream [{expected}] ours [{actual}]");
            }
            Same("check_str", f.GetProperty("check_str").GetString(), rule.CheckString);
            Same("scope_types",
                string.Join(",", f.GetProperty("scope_types").EnumerateArray().Select(s => s.GetString())),
                string.Join(",", rule.ScopeTypes));
            Same("deprecated name", f.GetProperty("deprecated_name").GetString(), rule.DeprecatedRule?.Name);
            Same("deprecated check_str", f.GetProperty("deprecated_check_str").GetString(), rule.DeprecatedRule?.CheckString);
            Same("deprecated_for_removal", f.GetProperty("deprecated_for_removal").GetBoolean(), rule.DeprecatedForRemoval);
        }
        Assert.True(diffs.Length == 0, diffs.ToString());
    }

    [Fact]
    public void Counts_by_kind()
    {
        var all = KeystonePolicies.All;
        Assert.Equal(8, all.Count(r => !r.Name.StartsWith("identity:", StringComparison.Ordinal)));
        Assert.Equal(194, all.Count(r => r.Name.StartsWith("identity:", StringComparison.Ordinal)));
        Assert.Equal(157, all.Count(r => r.DeprecatedRule is not null));
        Assert.Single(all, r => r.DeprecatedForRemoval);
    }

    [Fact]
    public void Every_rule_is_documented_and_every_api_rule_lists_its_operations()
    {
        foreach (var rule in KeystonePolicies.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Description), rule.Name);
            if (rule.Name.StartsWith("identity:", StringComparison.Ordinal))
            {
                Assert.NotEmpty(rule.Operations);
                Assert.All(rule.Operations, op => Assert.StartsWith("/v3/", op.Path));
            }
        }
    }

    [Fact]
    public void Name_constants_cover_every_rule()
    {
        var constants = typeof(IdentityPolicyNames)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet();
        Assert.True(constants.SetEquals(KeystonePolicies.All.Select(r => r.Name)));
        Assert.Equal("identity:get_user", IdentityPolicyNames.GetUser);
        Assert.Equal("admin_required", IdentityPolicyNames.AdminRequired);
    }

    [Fact]
    public void Registering_twice_is_rejected()
    {
        var enforcer = KeystonePolicies.RegisterAll(new PolicyEnforcer());
        Assert.Throws<DuplicatePolicyException>(() => KeystonePolicies.RegisterAll(enforcer));
    }

    [Fact]
    public void Defaults_reference_only_defined_rules()
    {
        var names = KeystonePolicies.All.Select(r => r.Name).ToHashSet();
        foreach (var rule in KeystonePolicies.All)
        {
            Assert.All(rule.Check.ReferencedRules(), r => Assert.Contains(r, names));
            if (rule.DeprecatedRule is { } dep)
            {
                Assert.All(dep.Check.ReferencedRules(), r => Assert.Contains(r, names));
            }
        }
    }

    [Fact]
    public void Sample_file_lists_every_rule_commented_out_and_loads_back()
    {
        var sample = PolicyDocumentation.GenerateSample(KeystonePolicies.All);
        foreach (var rule in KeystonePolicies.All)
        {
            Assert.Contains($"#\"{rule.Name}\": ", sample, StringComparison.Ordinal);
        }
        // Uncommenting every rule line gives a valid policy file equal to the defaults.
        var uncommented = string.Join('\n', sample.Split('\n')
            .Where(l => l.StartsWith("#\"", StringComparison.Ordinal))
            .Select(l => l[1..]));
        var path = Path.Combine(Path.GetTempPath(), $"sharpstack-sample-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, uncommented);
        try
        {
            var enforcer = KeystoneFixture.Enforcer(false, false, path);
            var rules = enforcer.ListRules();
            Assert.Equal(202, rules.Count);
            Assert.All(rules, r => Assert.Equal(PolicyRuleSource.Overridden, r.Source));
            Assert.All(rules, r => Assert.Equal(r.Default!.Check.ToString(), r.Check.ToString()));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
