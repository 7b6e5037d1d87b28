using System.Text.Json;
using SharpStack.Core.Policy;

namespace SharpStack.Core.Tests.Policy;

public sealed class PolicyEvaluationTests
{
    private static readonly PolicyCredentials ProjectMember = new()
    {
        UserId = "u1",
        UserDomainId = "d1",
        ProjectId = "p1",
        ProjectDomainId = "d1",
        Roles = ["Member", "reader"],
    };

    private static bool Eval(string rule, PolicyCredentials creds, IReadOnlyDictionary<string, object?>? target = null,
        IReadOnlyDictionary<string, PolicyCheck>? rules = null) =>
        PolicyParser.Parse(rule).Evaluate(creds, target ?? PolicyTarget.Empty, rules);

    [Fact]
    public void Always_and_never()
    {
        Assert.True(Eval("@", ProjectMember));
        Assert.True(Eval("", ProjectMember));
        Assert.False(Eval("!", ProjectMember));
        Assert.False(Eval("not @", ProjectMember));
        Assert.True(Eval("not !", ProjectMember));
    }

    [Theory]
    [InlineData("role:member", true)]
    [InlineData("role:MEMBER", true)]
    [InlineData("role:Reader", true)]
    [InlineData("role:admin", false)]
    [InlineData("role:%(role)s", true)]
    [InlineData("role:%(missing)s", false)]
    public void Role_checks_ignore_case(string rule, bool expected)
    {
        Assert.Equal(expected, Eval(rule, ProjectMember, new Dictionary<string, object?> { ["role"] = "mEmBeR" }));
    }

    [Fact]
    public void Generic_checks_compare_credentials_with_the_substituted_target()
    {
        var target = new Dictionary<string, object?> { ["project_id"] = "p1", ["target.project.id"] = "p2" };
        Assert.True(Eval("project_id:%(project_id)s", ProjectMember, target));
        Assert.False(Eval("project_id:%(target.project.id)s", ProjectMember, target));
        Assert.True(Eval("project_id:p1", ProjectMember));
        Assert.False(Eval("project_id:P1", ProjectMember)); // generic checks are case-sensitive
        Assert.True(Eval("user_domain_id:d1", ProjectMember));
    }

    [Fact]
    public void Missing_keys_are_false_never_exceptions()
    {
        Assert.False(Eval("project_id:%(nope)s", ProjectMember));
        Assert.False(Eval("no_such_credential:x", ProjectMember));
        Assert.False(Eval("token.project.id:p1", ProjectMember)); // no token in the credentials
        Assert.False(Eval("user_id.deeper:x", ProjectMember)); // indexing a string
        Assert.False(Eval("roles.name:x", ProjectMember)); // indexing list elements that are strings
        Assert.True(Eval("not project_id:%(nope)s", ProjectMember)); // as in oslo: the inner check is just false
    }

    [Fact]
    public void Null_values_render_as_None_like_python()
    {
        // oslo quirk kept on purpose: an unset credential (None) equals a target value of None.
        var target = new Dictionary<string, object?> { ["target.domain_id"] = null };
        Assert.True(Eval("domain_id:%(target.domain_id)s", ProjectMember, target));
        Assert.True(Eval("None:%(target.domain_id)s", ProjectMember, target));
        Assert.False(Eval("domain_id:%(target.domain_id)s and not None:%(target.domain_id)s", ProjectMember, target));
        Assert.True(Eval("domain_id:None", ProjectMember));
        Assert.False(Eval("system:None", ProjectMember)); // 'system' is absent unless system scoped
    }

    [Fact]
    public void Lists_match_when_any_element_matches()
    {
        var creds = new PolicyCredentials { UserId = "u1", Roles = ["Admin"] }
            .With("group_ids", new List<string> { "g1", "g2" })
            .With("token", new Dictionary<string, object?>
            {
                ["roles"] = new List<object?>
                {
                    new Dictionary<string, object?> { ["id"] = "r1", ["name"] = "admin" },
                    new Dictionary<string, object?> { ["id"] = "r2", ["name"] = "member" },
                },
            });
        Assert.True(Eval("group_ids:g2", creds));
        Assert.False(Eval("group_ids:g3", creds));
        Assert.True(Eval("roles:Admin", creds));
        Assert.False(Eval("roles:admin", creds)); // generic (not role:) checks are case-sensitive
        Assert.True(Eval("token.roles.name:member", creds));
        Assert.False(Eval("token.roles.name:reader", creds));
    }

    [Fact]
    public void Dotted_credentials_can_be_nested_flattened_or_json()
    {
        var target = new Dictionary<string, object?> { ["target.domain.id"] = "d1" };
        var nested = new PolicyCredentials().With("token", new Dictionary<string, object?>
        {
            ["project"] = new Dictionary<string, object?> { ["id"] = "p1", ["domain"] = new Dictionary<string, object?> { ["id"] = "d1" } },
        });
        var flattened = new PolicyCredentials().With("token.project.domain.id", "d1");
        var json = new PolicyCredentials().With("token", JsonDocument.Parse("""{"project":{"domain":{"id":"d1"}}}""").RootElement.Clone());
        const string rule = "token.project.domain.id:%(target.domain.id)s";
        Assert.True(Eval(rule, nested, target));
        Assert.True(Eval(rule, flattened, target));
        Assert.True(Eval(rule, json, target));
        Assert.False(Eval(rule, nested, new Dictionary<string, object?> { ["target.domain.id"] = "d2" }));
    }

    [Fact]
    public void Nested_targets_are_looked_up_like_flattened_ones()
    {
        var nested = new Dictionary<string, object?>
        {
            ["target"] = new Dictionary<string, object?> { ["user"] = new Dictionary<string, object?> { ["id"] = "u1" } },
        };
        Assert.True(Eval("user_id:%(target.user.id)s", ProjectMember, nested));
        Assert.False(Eval("user_id:%(target.user)s", ProjectMember, nested)); // a mapping is not a value
        Assert.True(Eval("user_id:%(target.user.id)s", ProjectMember, PolicyTarget.Flatten(nested)));
        Assert.Equal("u1", PolicyTarget.Flatten(nested)["target.user.id"]);
    }

    [Fact]
    public void Values_are_compared_as_python_str()
    {
        var creds = new PolicyCredentials { UserId = "u1" }
            .With("enabled", true)
            .With("count", 42)
            .With("ratio", 0.5)
            .With("is_admin", 1);
        var target = new Dictionary<string, object?> { ["flag"] = true, ["n"] = 42L, ["s"] = "42", ["f"] = 0.5 };
        Assert.True(Eval("enabled:True", creds));
        Assert.True(Eval("True:%(flag)s", creds, target));
        Assert.True(Eval("count:%(n)s", creds, target));
        Assert.True(Eval("count:%(s)s", creds, target));
        Assert.True(Eval("42:%(n)s", creds, target));
        Assert.True(Eval("ratio:%(f)s", creds, target));
        Assert.True(Eval("0.5:%(f)s", creds, target));
        Assert.True(Eval("is_admin:1", creds));
        Assert.True(Eval("is_admin_project:True", creds));
    }

    [Fact]
    public void Templates_with_text_and_percent_escapes()
    {
        var creds = new PolicyCredentials { ProjectId = "tenant-p1", UserId = "%(literal)s" };
        var target = new Dictionary<string, object?> { ["project_id"] = "p1" };
        Assert.True(Eval("project_id:tenant-%(project_id)s", creds, target));
        Assert.True(Eval("user_id:%%(literal)s", creds, target));
    }

    [Fact]
    public void System_key_exists_only_for_system_scoped_tokens()
    {
        var system = new PolicyCredentials { SystemScope = "all", Roles = ["reader"] };
        Assert.True(Eval("system_scope:all", system));
        Assert.True(Eval("system:all", system));
        Assert.False(Eval("system_scope:all", ProjectMember));
        Assert.False(Eval("system:all", ProjectMember));
        Assert.Equal(PolicyScopes.System, system.TokenScope);
        Assert.Equal(PolicyScopes.Project, ProjectMember.TokenScope);
        Assert.Equal(PolicyScopes.Domain, new PolicyCredentials { DomainId = "d1" }.TokenScope);
    }

    [Fact]
    public void Rule_references_unknown_rules_and_cycles()
    {
        var rules = new Dictionary<string, PolicyCheck>
        {
            ["is_member"] = PolicyParser.Parse("role:member"),
            ["loop_a"] = PolicyParser.Parse("rule:loop_b"),
            ["loop_b"] = PolicyParser.Parse("rule:loop_a or role:nobody"),
        };
        Assert.True(Eval("rule:is_member", ProjectMember, null, rules));
        Assert.False(Eval("rule:unknown", ProjectMember, null, rules));
        Assert.True(Eval("not rule:unknown", ProjectMember, null, rules));
        Assert.False(Eval("rule:loop_a", ProjectMember, null, rules)); // fails closed, no stack overflow
    }

    [Fact]
    public void Credentials_view_matches_oslo_keys()
    {
        var d = new PolicyCredentials { UserId = "u", SystemScope = "all" }.With("token", null).ToDictionary();
        Assert.Equal(
            new[]
            {
                "domain_id", "is_admin_project", "project_domain_id", "project_id", "roles", "service_project_domain_id",
                "service_project_id", "service_roles", "service_user_domain_id", "service_user_id", "system", "system_scope",
                "token", "user_domain_id", "user_id",
            },
            d.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Evaluating_a_typical_rule_does_not_allocate()
    {
        var rules = new Dictionary<string, PolicyCheck> { ["admin_required"] = PolicyParser.Parse("role:admin or is_admin:1") };
        var check = PolicyParser.Parse(
            "(rule:admin_required) or (role:reader and system_scope:all) or (role:reader and token.domain.id:%(target.user.domain_id)s) or user_id:%(target.user.id)s");
        var creds = new PolicyCredentials { UserId = "u1", ProjectId = "p1", Roles = ["member", "reader"] }
            .With("token", new Dictionary<string, object?> { ["domain"] = new Dictionary<string, object?> { ["id"] = "d9" } });
        var target = new Dictionary<string, object?> { ["target.user.id"] = "u1", ["target.user.domain_id"] = "d1" };

        for (var i = 0; i < 1000; i++) Assert.True(check.Evaluate(creds, target, rules));
        // PolicyCheck.Evaluate(…, rules) wraps the dictionary once per call; measure the engine itself.
        var table = new RuleTable(rules, null, null);
        bool Run()
        {
            var eval = new PolicyEvaluation(creds, target, table);
            return check.Evaluate(ref eval);
        }
        for (var i = 0; i < 1000; i++) Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var all = true;
        for (var i = 0; i < 10_000; i++) all &= Run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(all);
        Assert.Equal(0, allocated);
    }
}
