using Microsoft.Extensions.Logging;
using SharpStack.Core.Policy;

namespace SharpStack.Core.Tests.Policy;

internal sealed class ListLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries)
        {
            Entries.Add((logLevel, formatter(state, exception)));
        }
    }

    public IEnumerable<string> Warnings => Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message);
}

public sealed class PolicyEnforcerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sharpstack-policy-tests-" + Guid.NewGuid().ToString("N"));

    public PolicyEnforcerTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly PolicyCredentials ProjectAdmin = new()
    {
        UserId = "u-admin", ProjectId = "p1", ProjectDomainId = "d1", Roles = ["admin", "member", "reader"],
    };

    private static readonly PolicyCredentials ProjectMember = new()
    {
        UserId = "u-member", ProjectId = "p1", ProjectDomainId = "d1", Roles = ["member", "reader"],
    };

    private static readonly PolicyCredentials SystemReader = new() { UserId = "u-sys", SystemScope = "all", Roles = ["reader"] };

    private static readonly PolicyCredentials DomainAdmin = new() { UserId = "u-dom", DomainId = "d1", Roles = ["admin"] };

    private static IEnumerable<RuleDefault> Defaults() =>
    [
        new("admin_required", "role:admin"),
        new("owner", "user_id:%(user_id)s"),
        new("svc:get_thing", "rule:admin_required or rule:owner")
        {
            Description = "Get a thing.",
            ScopeTypes = [PolicyScopes.Project],
            Operations = [new("GET", "/things/{id}")],
        },
        new("svc:list_things", "role:reader and system_scope:all")
        {
            Description = "List things.",
            ScopeTypes = [PolicyScopes.System, PolicyScopes.Project],
            DeprecatedRule = new("svc:list_things", "rule:admin_required") { Since = "Z", Reason = "scope aware now" },
        },
        new("svc:delete_thing", "role:admin and system_scope:all")
        {
            ScopeTypes = [PolicyScopes.System],
            DeprecatedRule = new("svc:remove_thing", "rule:admin_required"),
        },
    ];

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static PolicyEnforcer Enforcer(PolicyOptions? options = null, ILogger? logger = null)
    {
        var enforcer = new PolicyEnforcer(options ?? new PolicyOptions { ReloadCheckInterval = null }, logger);
        enforcer.Register(Defaults());
        enforcer.Load();
        return enforcer;
    }

    [Fact]
    public void Defaults_apply_without_a_policy_file()
    {
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = Path.Combine(_dir, "absent.yaml") });
        var own = new Dictionary<string, object?> { ["user_id"] = "u-member" };
        Assert.True(enforcer.Authorize("svc:get_thing", ProjectMember, own).IsAllowed);
        Assert.False(enforcer.Authorize("svc:get_thing", ProjectMember, PolicyTarget.Empty).IsAllowed);
        Assert.True(enforcer.Authorize("svc:get_thing", ProjectAdmin, PolicyTarget.Empty));
    }

    [Fact]
    public void Deprecated_default_is_ored_in_while_new_defaults_are_not_enforced()
    {
        var lenient = Enforcer();
        Assert.True(lenient.Authorize("svc:list_things", SystemReader, PolicyTarget.Empty).IsAllowed); // new default
        Assert.True(lenient.Authorize("svc:list_things", ProjectAdmin, PolicyTarget.Empty).IsAllowed); // deprecated default
        Assert.False(lenient.Authorize("svc:list_things", ProjectMember, PolicyTarget.Empty).IsAllowed);
        var rule = lenient.GetRule("svc:list_things")!;
        Assert.Equal(PolicyRuleSource.DefaultOrDeprecated, rule.Source);
        Assert.Equal("((role:reader and system_scope:all) or rule:admin_required)", rule.Check.ToString());
        Assert.Equal("(role:reader and system_scope:all) or (rule:admin_required)", rule.CheckString);

        var strict = Enforcer(new PolicyOptions { EnforceNewDefaults = true });
        Assert.True(strict.Authorize("svc:list_things", SystemReader, PolicyTarget.Empty).IsAllowed);
        Assert.False(strict.Authorize("svc:list_things", ProjectAdmin, PolicyTarget.Empty).IsAllowed);
        Assert.Equal(PolicyRuleSource.Default, strict.GetRule("svc:list_things")!.Source);
    }

    [Fact]
    public void An_override_replaces_the_default_and_its_deprecated_alternative()
    {
        var file = Write("policy.yaml", "\"svc:list_things\": \"role:auditor\"\n");
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file });
        Assert.False(enforcer.Authorize("svc:list_things", ProjectAdmin, PolicyTarget.Empty).IsAllowed);
        Assert.True(enforcer.Authorize("svc:list_things", new PolicyCredentials { Roles = ["Auditor"] }, PolicyTarget.Empty).IsAllowed);
        var rule = enforcer.GetRule("svc:list_things")!;
        Assert.Equal(PolicyRuleSource.Overridden, rule.Source);
        Assert.Equal(file, rule.SourceFile);
        Assert.Equal("role:auditor", rule.CheckString);
    }

    [Fact]
    public void Overriding_a_base_rule_changes_every_rule_that_references_it()
    {
        var file = Write("policy.yaml", "admin_required: role:superuser\n");
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file });
        Assert.False(enforcer.Authorize("svc:get_thing", ProjectAdmin, PolicyTarget.Empty).IsAllowed);
        Assert.True(enforcer.Authorize("svc:get_thing", new PolicyCredentials { Roles = ["superuser"] }, PolicyTarget.Empty).IsAllowed);
    }

    [Fact]
    public void Renamed_rule_takes_the_operators_override_of_its_old_name()
    {
        var logger = new ListLogger();
        var file = Write("policy.yaml", "\"svc:remove_thing\": \"role:janitor\"\n");
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file }, logger);
        var janitor = new PolicyCredentials { Roles = ["janitor"], SystemScope = "all" };
        Assert.True(enforcer.Authorize("svc:delete_thing", janitor, PolicyTarget.Empty).IsAllowed);
        Assert.Equal(PolicyRuleSource.OverriddenViaDeprecatedName, enforcer.GetRule("svc:delete_thing")!.Source);
        Assert.Contains(logger.Warnings, w => w.Contains("renamed", StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Warnings, w => w.Contains("not a registered rule", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_policy_files_are_accepted()
    {
        var file = Write("policy.json", """
            {
                "svc:get_thing": "role:auditor or rule:owner",
                "svc:list_things": [["role:a", "role:b"], ["role:c"]],
                "custom": ""
            }
            """);
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file });
        Assert.True(enforcer.Authorize("svc:get_thing", new PolicyCredentials { Roles = ["auditor"] }, PolicyTarget.Empty).IsAllowed);
        Assert.False(enforcer.Authorize("svc:get_thing", ProjectAdmin, PolicyTarget.Empty).IsAllowed);
        Assert.True(enforcer.Authorize("svc:list_things", new PolicyCredentials { Roles = ["a", "b"] }, PolicyTarget.Empty).IsAllowed);
        Assert.False(enforcer.Authorize("svc:list_things", new PolicyCredentials { Roles = ["a"] }, PolicyTarget.Empty).IsAllowed);
        Assert.Equal("((role:a and role:b) or role:c)", enforcer.GetRule("svc:list_things")!.Check.ToString());
        Assert.True(enforcer.Enforce("custom", ProjectMember, PolicyTarget.Empty).IsAllowed);
    }

    [Fact]
    public void Yaml_policy_files_with_comments_quoting_anchors_and_lists()
    {
        var file = Write("policy.yaml", """
            # operator overrides
            "svc:get_thing": 'role:auditor'   # single quotes
            svc:list_things: &readers "role:reader"
            custom_alias: *readers
            legacy:
              - ["role:a", "role:b"]
              - role:c
            """);
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file });
        Assert.Equal("role:auditor", enforcer.GetRule("svc:get_thing")!.CheckString);
        Assert.Equal("role:reader", enforcer.GetRule("custom_alias")!.CheckString);
        Assert.Equal("((role:a and role:b) or role:c)", enforcer.GetRule("legacy")!.Check.ToString());
    }

    [Fact]
    public void Syntax_errors_name_the_file_the_rule_the_line_and_the_column()
    {
        var file = Write("policy.yaml", """
            "svc:get_thing": "role:admin"
            "svc:list_things": "role:admin or (role:reader"
            "custom": "role:x and and role:y"
            """);
        var enforcer = new PolicyEnforcer(new PolicyOptions { PolicyFile = file, ReloadCheckInterval = null });
        enforcer.Register(Defaults());
        var ex = Assert.Throws<PolicyFileException>(enforcer.Load);
        Assert.Equal(file, ex.FileName);
        Assert.Equal(2, ex.Errors.Count);
        var first = ex.Errors[0];
        Assert.Equal("svc:list_things", first.RuleName);
        Assert.Equal(file, first.FileName);
        Assert.Equal(2, first.FileLine);
        Assert.Equal(14, first.Position);
        Assert.Contains($"{file}:2: rule \"svc:list_things\": missing ')'", first.Message, StringComparison.Ordinal);
        Assert.Contains("column 15", first.Message, StringComparison.Ordinal);
        Assert.Equal("custom", ex.Errors[1].RuleName);
        Assert.Equal(3, ex.Errors[1].FileLine);
        Assert.Equal(11, ex.Errors[1].Position);
        Assert.Contains("svc:list_things", ex.Message, StringComparison.Ordinal);
        Assert.Contains("custom", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_syntax_errors_report_lines_too()
    {
        var file = Write("policy.json", "{\n  \"a\": \"role:x\",\n  \"b\": \"role:\\\"x\\\" or\"\n}\n");
        var enforcer = new PolicyEnforcer(new PolicyOptions { PolicyFile = file, ReloadCheckInterval = null });
        var ex = Assert.Throws<PolicyFileException>(enforcer.Load);
        Assert.Equal(3, Assert.Single(ex.Errors).FileLine);
        Assert.Equal("b", ex.Errors[0].RuleName);
    }

    [Theory]
    [InlineData("- just\n- a list\n", "mapping")]
    [InlineData("\"a\": 5\n", "must be a string")]
    [InlineData("\"a\": true\n", "must be a string")]
    [InlineData("\"a\": {\"x\": 1}\n", "must be a string")]
    [InlineData("\"a\": [1]\n", "must be a string")]
    [InlineData("\"a\": [{\"x\": \"y\"}]\n", "must be a string")]
    [InlineData("\"a\": !\n", "quotes")]
    [InlineData("\"a\": \"x\n", "not valid YAML")]
    [InlineData("{\"a\": 1}", "must be a string")]
    public void Malformed_documents_are_rejected_with_a_line(string content, string fragment)
    {
        var file = Write("policy.yaml", content);
        var enforcer = new PolicyEnforcer(new PolicyOptions { PolicyFile = file, ReloadCheckInterval = null });
        var ex = Assert.Throws<PolicyFileException>(enforcer.Load);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(file, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_and_comment_only_files_mean_no_overrides()
    {
        foreach (var content in new[] { "", "# nothing here\n", "{}", "---\n" })
        {
            var enforcer = Enforcer(new PolicyOptions { PolicyFile = Write("policy.yaml", content) });
            Assert.All(enforcer.ListRules(), r => Assert.False(r.IsOverridden));
        }
    }

    [Fact]
    public void A_rule_without_a_value_allows_everything_like_oslo_and_is_flagged()
    {
        var logger = new ListLogger();
        var file = Write("policy.yaml", "\"svc:get_thing\":\n");
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file }, logger);
        Assert.True(enforcer.Authorize("svc:get_thing", new PolicyCredentials(), PolicyTarget.Empty).IsAllowed);
        Assert.Contains(logger.Warnings, w => w.Contains("always allow", StringComparison.Ordinal));
    }

    [Fact]
    public void Lenient_mode_fails_closed_on_broken_rules_like_oslo()
    {
        var logger = new ListLogger();
        var file = Write("policy.yaml", "\"svc:get_thing\": \"role:admin or\"\n\"custom\": \"@\"\n");
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file, RejectInvalidRules = false }, logger);
        Assert.False(enforcer.Authorize("svc:get_thing", ProjectAdmin, PolicyTarget.Empty).IsAllowed);
        Assert.True(enforcer.Enforce("custom", ProjectAdmin, PolicyTarget.Empty).IsAllowed);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("svc:get_thing", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_names_in_the_file_are_kept_and_warned_about()
    {
        var logger = new ListLogger();
        var file = Write("policy.yaml", "\"my_auditors\": \"role:auditor\"\n\"svc:get_thing\": \"rule:my_auditors\"\n");
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file }, logger);
        Assert.True(enforcer.Authorize("svc:get_thing", new PolicyCredentials { Roles = ["auditor"] }, PolicyTarget.Empty).IsAllowed);
        Assert.Contains(logger.Warnings, w => w.Contains("my_auditors is not a registered rule", StringComparison.Ordinal));
        var listed = enforcer.ListRules();
        Assert.Equal(PolicyRuleSource.FileOnly, listed.Single(r => r.Name == "my_auditors").Source);
        Assert.False(listed.Single(r => r.Name == "my_auditors").IsRegistered);
    }

    [Fact]
    public void Undefined_references_fail_closed_warn_once_and_can_fall_back_to_the_default_rule()
    {
        var logger = new ListLogger();
        var file = Write("policy.yaml", "\"svc:get_thing\": \"rule:nope or role:x\"\n");
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file }, logger);
        Assert.Contains(logger.Warnings, w => w.Contains("svc:get_thing -> rule:nope", StringComparison.Ordinal));
        for (var i = 0; i < 3; i++)
        {
            Assert.False(enforcer.Authorize("svc:get_thing", ProjectAdmin, PolicyTarget.Empty).IsAllowed);
        }
        Assert.Single(logger.Warnings, w => w.Contains("Policy rule nope is not defined", StringComparison.Ordinal));

        // oslo's policy_default_rule: with a "default" rule defined, unknown names use it.
        var withDefault = Enforcer(new PolicyOptions { PolicyFile = Write("p2.yaml", "\"svc:get_thing\": \"rule:nope\"\ndefault: \"role:admin\"\n") });
        Assert.True(withDefault.Authorize("svc:get_thing", ProjectAdmin, PolicyTarget.Empty).IsAllowed);
        Assert.True(withDefault.Enforce("never:registered", ProjectAdmin, PolicyTarget.Empty).IsAllowed);
        Assert.False(withDefault.Enforce("never:registered", ProjectMember, PolicyTarget.Empty).IsAllowed);
        Assert.False(Enforcer().Enforce("never:registered", ProjectAdmin, PolicyTarget.Empty).IsAllowed);
    }

    [Fact]
    public void Cycles_are_reported_and_fail_closed()
    {
        var logger = new ListLogger();
        var file = Write("policy.yaml", "\"a\": \"rule:b\"\n\"b\": \"rule:a\"\n\"svc:get_thing\": \"rule:a or role:x\"\n");
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file }, logger);
        Assert.Contains(logger.Warnings, w => w.Contains("cyclical", StringComparison.Ordinal) && w.Contains("a, b", StringComparison.Ordinal));
        Assert.False(enforcer.Authorize("svc:get_thing", ProjectAdmin, PolicyTarget.Empty).IsAllowed);
        Assert.True(enforcer.Authorize("svc:get_thing", new PolicyCredentials { Roles = ["x"] }, PolicyTarget.Empty).IsAllowed);
    }

    [Fact]
    public void Scope_mismatch_only_logs_unless_enforce_scope()
    {
        var logger = new ListLogger();
        var lenient = Enforcer(logger: logger);
        // svc:get_thing is project-only; a system admin token passes the rule itself.
        var systemAdmin = new PolicyCredentials { SystemScope = "all", Roles = ["admin"] };
        var result = lenient.Authorize("svc:get_thing", systemAdmin, PolicyTarget.Empty);
        Assert.Equal(PolicyDecision.Allowed, result.Decision);
        lenient.Authorize("svc:get_thing", systemAdmin, PolicyTarget.Empty);
        Assert.Single(logger.Warnings, w => w.Contains("failed scope check", StringComparison.Ordinal));

        var strict = Enforcer(new PolicyOptions { EnforceScope = true });
        var refused = strict.Authorize("svc:get_thing", systemAdmin, PolicyTarget.Empty);
        Assert.Equal(PolicyDecision.ScopeMismatch, refused.Decision);
        Assert.False(refused.IsAllowed);
        Assert.Equal(PolicyScopes.System, refused.TokenScope);
        Assert.Equal([PolicyScopes.Project], refused.ScopeTypes);
        Assert.Equal("svc:get_thing requires a scope of [project], request was made with system scope.", refused.ToString());

        // Scope is checked before the rule: even an admin is refused on a system-only rule from a domain token.
        Assert.Equal(PolicyDecision.ScopeMismatch, strict.Authorize("svc:delete_thing", DomainAdmin, PolicyTarget.Empty).Decision);
        // Rules without scope_types are never scope-checked.
        Assert.Equal(PolicyDecision.Allowed, strict.Authorize("admin_required", DomainAdmin, PolicyTarget.Empty).Decision);
        // A matching scope with a failing rule is a plain denial.
        Assert.Equal(PolicyDecision.Denied, strict.Authorize("svc:get_thing", ProjectMember, PolicyTarget.Empty).Decision);
    }

    [Fact]
    public void Authorize_requires_registration_but_enforce_does_not()
    {
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = Write("policy.yaml", "\"extra\": \"role:member\"\n") });
        var ex = Assert.Throws<PolicyNotRegisteredException>(() => enforcer.Authorize("extra", ProjectMember, PolicyTarget.Empty));
        Assert.Equal("extra", ex.Rule);
        Assert.True(enforcer.Enforce("extra", ProjectMember, PolicyTarget.Empty).IsAllowed);
        var denied = Assert.Throws<PolicyDeniedException>(() => enforcer.AuthorizeOrThrow("svc:get_thing", ProjectMember, PolicyTarget.Empty));
        Assert.Equal(PolicyDecision.Denied, denied.Result.Decision);
        Assert.Equal("svc:get_thing is disallowed by policy", denied.Message);
    }

    [Fact]
    public void Policy_dirs_are_applied_in_name_order_after_the_policy_file()
    {
        var file = Write("policy.yaml", "\"svc:get_thing\": \"role:one\"\n\"custom\": \"role:one\"\n");
        var dir = Path.Combine(_dir, "policy.d");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "20-late.yaml"), "\"svc:get_thing\": \"role:three\"\n");
        File.WriteAllText(Path.Combine(dir, "10-early.yaml"), "\"svc:get_thing\": \"role:two\"\n\"custom\": \"role:two\"\n");
        File.WriteAllText(Path.Combine(dir, ".hidden.yaml"), "\"svc:get_thing\": \"role:hidden\"\n");
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file, PolicyDirs = [dir, Path.Combine(_dir, "missing.d")] });
        Assert.Equal("role:three", enforcer.GetRule("svc:get_thing")!.CheckString);
        Assert.Equal(Path.Combine(dir, "20-late.yaml"), enforcer.GetRule("svc:get_thing")!.SourceFile);
        Assert.Equal("role:two", enforcer.GetRule("custom")!.CheckString);
    }

    [Fact]
    public void Reload_picks_up_changes_and_keeps_the_old_rules_when_the_new_file_is_broken()
    {
        var logger = new ListLogger();
        var file = Write("policy.yaml", "\"svc:get_thing\": \"role:one\"\n");
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file }, logger);
        Assert.False(enforcer.ReloadIfChanged());

        File.WriteAllText(file, "\"svc:get_thing\": \"role:two and role:three\"\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));
        Assert.True(enforcer.ReloadIfChanged());
        Assert.Equal("role:two and role:three", enforcer.GetRule("svc:get_thing")!.CheckString);

        File.WriteAllText(file, "\"svc:get_thing\": \"role:two and\"\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(10));
        Assert.Throws<PolicyFileException>(() => enforcer.ReloadIfChanged());
        Assert.Equal("role:two and role:three", enforcer.GetRule("svc:get_thing")!.CheckString);

        File.Delete(file);
        Assert.True(enforcer.ReloadIfChanged());
        Assert.Equal(PolicyRuleSource.Default, enforcer.GetRule("svc:get_thing")!.Source);
    }

    [Fact]
    public void Automatic_reload_during_enforcement()
    {
        var logger = new ListLogger();
        var file = Write("policy.yaml", "\"svc:get_thing\": \"role:one\"\n");
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file, ReloadCheckInterval = TimeSpan.FromMilliseconds(1) }, logger);
        var two = new PolicyCredentials { Roles = ["two"] };
        Assert.False(enforcer.Authorize("svc:get_thing", two, PolicyTarget.Empty).IsAllowed);
        File.WriteAllText(file, "\"svc:get_thing\": \"role:two\"\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));
        Thread.Sleep(20);
        Assert.True(enforcer.Authorize("svc:get_thing", two, PolicyTarget.Empty).IsAllowed);

        File.WriteAllText(file, "\"svc:get_thing\": \"(\"\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(10));
        Thread.Sleep(20);
        Assert.True(enforcer.Authorize("svc:get_thing", two, PolicyTarget.Empty).IsAllowed); // previous rules kept
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("keeping the previous rules", StringComparison.Ordinal));
    }

    [Fact]
    public void Registration_after_loading_rebuilds_the_rules()
    {
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = Write("policy.yaml", "\"late:rule\": \"role:x\"\n") });
        Assert.Equal(PolicyRuleSource.FileOnly, enforcer.GetRule("late:rule")!.Source);
        enforcer.Register(new RuleDefault("late:rule", "role:y"));
        Assert.Equal(PolicyRuleSource.Overridden, enforcer.GetRule("late:rule")!.Source);
        Assert.Throws<DuplicatePolicyException>(() => enforcer.Register(new RuleDefault("late:rule", "role:z")));
    }

    [Fact]
    public void In_memory_overrides_are_validated_like_files()
    {
        var enforcer = Enforcer();
        enforcer.LoadOverrides(new Dictionary<string, string> { ["svc:get_thing"] = "role:x" });
        Assert.Equal(PolicyRuleSource.Overridden, enforcer.GetRule("svc:get_thing")!.Source);
        var ex = Assert.Throws<PolicyFileException>(() => enforcer.LoadOverrides(new Dictionary<string, string> { ["svc:get_thing"] = "role:x or" }, "cli"));
        Assert.Equal("cli", ex.FileName);
        Assert.Equal("role:x", enforcer.GetRule("svc:get_thing")!.CheckString);
    }

    [Fact]
    public void Listing_and_generating()
    {
        var file = Write("policy.yaml", "\"svc:get_thing\": \"role:x\"\n\"mine\": \"@\"\n");
        var enforcer = Enforcer(new PolicyOptions { PolicyFile = file });
        var rules = enforcer.ListRules();
        Assert.Equal(
            ["admin_required", "owner", "svc:get_thing", "svc:list_things", "svc:delete_thing", "mine"],
            rules.Select(r => r.Name));
        Assert.Equal(
            [PolicyRuleSource.Default, PolicyRuleSource.Default, PolicyRuleSource.Overridden, PolicyRuleSource.DefaultOrDeprecated, PolicyRuleSource.DefaultOrDeprecated, PolicyRuleSource.FileOnly],
            rules.Select(r => r.Source));

        var effective = PolicyDocumentation.GenerateEffective(rules);
        Assert.Contains("# overridden in " + file + "\n\"svc:get_thing\": \"role:x\"\n", effective, StringComparison.Ordinal);
        var reloaded = Enforcer(new PolicyOptions { PolicyFile = Write("effective.yaml", effective) });
        Assert.Equal(
            rules.Select(r => r.Check.ToString()),
            reloaded.ListRules().Select(r => r.Check.ToString()));

        var sample = PolicyDocumentation.GenerateSample(enforcer.RegisteredRules);
        Assert.Contains("# Get a thing.\n# GET     /things/{id}\n# Intended scope(s): project\n#\"svc:get_thing\": \"rule:admin_required or rule:owner\"\n", sample, StringComparison.Ordinal);
        Assert.Contains("# \"svc:list_things\":\"rule:admin_required\" has been deprecated since Z in favor of \"svc:list_things\":\"role:reader and system_scope:all\".\n# scope aware now\n", sample, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_result_is_a_denial()
    {
        PolicyResult result = default;
        Assert.False(result.IsAllowed);
        Assert.Equal(PolicyDecision.Denied, result.Decision);
        Assert.Empty(result.ScopeTypes);
        Assert.False(result);
    }
}
