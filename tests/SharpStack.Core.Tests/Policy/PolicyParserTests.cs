using SharpStack.Core.Policy;

namespace SharpStack.Core.Tests.Policy;

public sealed class PolicyParserTests
{
    [Theory]
    [InlineData("", "@")]
    [InlineData("@", "@")]
    [InlineData("!", "!")]
    [InlineData("role:admin", "role:admin")]
    [InlineData("rule:admin_required", "rule:admin_required")]
    [InlineData("project_id:%(project_id)s", "project_id:%(project_id)s")]
    [InlineData("user_id:%(user_id)s", "user_id:%(user_id)s")]
    [InlineData("system_scope:all", "system_scope:all")]
    [InlineData("domain_id:%(target.domain_id)s", "domain_id:%(target.domain_id)s")]
    [InlineData("token.domain.id:%(target.user.domain_id)s", "token.domain.id:%(target.user.domain_id)s")]
    [InlineData("True:%(user.enabled)s", "True:%(user.enabled)s")]
    [InlineData("'Member':%(role.name)s", "'Member':%(role.name)s")]
    [InlineData("domain_id:20", "domain_id:20")]
    [InlineData("a:b:c", "a:b:c")]
    [InlineData("field:", "field:")]
    [InlineData("  role:admin\t", "role:admin")]
    public void Parses_single_checks(string text, string canonical)
    {
        Assert.Equal(canonical, PolicyParser.Parse(text).ToString());
    }

    [Fact]
    public void Check_types()
    {
        Assert.Same(PolicyCheck.Always, PolicyParser.Parse(""));
        Assert.Same(PolicyCheck.Always, PolicyParser.Parse("@"));
        Assert.Same(PolicyCheck.Never, PolicyParser.Parse("!"));
        Assert.Equal("admin", Assert.IsType<RoleCheck>(PolicyParser.Parse("role:admin")).Match);
        Assert.Equal("x", Assert.IsType<RuleCheck>(PolicyParser.Parse("rule:x")).RuleName);
        var generic = Assert.IsType<GenericCheck>(PolicyParser.Parse("token.project.domain.id:%(target.domain.id)s"));
        Assert.Equal("token.project.domain.id", generic.Kind);
        Assert.Equal("%(target.domain.id)s", generic.Match);
        Assert.Null(generic.LiteralValue);
    }

    [Theory]
    [InlineData("True", "True")]
    [InlineData("False", "False")]
    [InlineData("None", "None")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("+5", "5")]
    [InlineData("0x10", "16")]
    [InlineData("0o17", "15")]
    [InlineData("0b101", "5")]
    [InlineData("1_000", "1000")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("1.5", "1.5")]
    [InlineData("1.0", "1.0")]
    [InlineData("1e3", "1000.0")]
    [InlineData("1e16", "1e+16")]
    [InlineData("1e15", "1000000000000000.0")]
    [InlineData("1e-5", "1e-05")]
    [InlineData(".5", "0.5")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("'admin'", "admin")]
    [InlineData("\"admin\"", "admin")]
    [InlineData("u'x'", "x")]
    [InlineData("'a\\'b'", "a'b")]
    [InlineData("r'a\\n'", "a\\n")]
    public void Literal_kinds_render_like_python_str(string kind, string expected)
    {
        var check = Assert.IsType<GenericCheck>(PolicyParser.Parse(kind + ":x"));
        Assert.Equal(expected, check.LiteralValue);
    }

    [Theory]
    [InlineData("true")] // Python is case-sensitive: a credentials key, not a literal
    [InlineData("is_admin")]
    [InlineData("token.domain.id")]
    [InlineData("-x")]
    [InlineData("a-b")]
    public void Non_literal_kinds_are_credential_paths(string kind)
    {
        Assert.Null(Assert.IsType<GenericCheck>(PolicyParser.Parse(kind + ":x")).LiteralValue);
    }

    [Theory]
    [InlineData("role:a or role:b and role:c", "(role:a or (role:b and role:c))")]
    [InlineData("role:a and role:b or role:c", "((role:a and role:b) or role:c)")]
    [InlineData("(role:a or role:b) and role:c", "((role:a or role:b) and role:c)")]
    [InlineData("not role:a and role:b", "(not role:a and role:b)")]
    [InlineData("not role:a or role:b", "(not role:a or role:b)")]
    [InlineData("not (role:a or role:b)", "not (role:a or role:b)")]
    [InlineData("role:a and not role:b", "(role:a and not role:b)")]
    [InlineData("not not role:a", "not not role:a")]
    [InlineData("role:a and role:b and role:c", "(role:a and role:b and role:c)")]
    [InlineData("role:a or role:b or role:c", "(role:a or role:b or role:c)")]
    [InlineData("role:a or role:b and role:c and role:d or role:e", "(role:a or (role:b and role:c and role:d) or role:e)")]
    [InlineData("role:a AND role:b Or NOT role:c", "((role:a and role:b) or not role:c)")]
    [InlineData("((role:a))", "role:a")]
    [InlineData("(role:a)or(role:b)", "role:a)or(role:b")] // one word: only its outer parentheses are peeled
    [InlineData("( role:a )", "role:a")]
    [InlineData("(role:a and role:b) and role:c", "((role:a and role:b) and role:c)")]
    [InlineData("role:x or (role:a and role:b) and role:c", "(role:x or (role:a and role:b and role:c))")]
    [InlineData("rule:foo)bar", "rule:foo)bar")]
    [InlineData("a:b( or c:d", "(a:b( or c:d)")]
    public void Operator_precedence_and_tree_shape_match_oslo(string text, string canonical)
    {
        Assert.Equal(canonical, PolicyParser.Parse(text).ToString());
    }

    [Theory]
    [InlineData("   ", 0, "blank")]
    [InlineData("foo", 0, "not a check")]
    [InlineData("role:a and foo", 11, "not a check")]
    [InlineData("role:a role:b", 7, "expected 'and', 'or'")]
    [InlineData("(role:a", 0, "missing ')'")]
    [InlineData("role:a)", 6, "unbalanced ')'")]
    [InlineData("()", 1, "expected a check")]
    [InlineData("and role:a", 0, "expected a check")]
    [InlineData("role:a and", 9, "unexpected end")]
    [InlineData("role:a or or role:b", 10, "expected a check")]
    [InlineData("not", 2, "unexpected end")]
    [InlineData("'quoted'", 0, "quoted string")]
    [InlineData("role:a or \"x y\"", 10, "not a check")]
    [InlineData("http://example.com/%(x)s", 0, "not supported")]
    [InlineData("role:a or https://x", 10, "not supported")]
    [InlineData("user_id:%(user_id)", 8, "unterminated")] // the trailing ')' is peeled off the word, as in oslo
    [InlineData("user_id:%(user_id)d", 8, "must be followed by 's'")]
    [InlineData("role:100%", 8, "incomplete '%'")]
    [InlineData("user_id:%s", 8, "unsupported substitution")]
    [InlineData("user_id:%(user_id", 8, "unterminated")]
    [InlineData(":x", 0, "empty")]
    [InlineData("1a:x", 0, "not a valid number")]
    [InlineData("007:x", 0, "not a valid number")]
    [InlineData("[1]:x", 0, "not supported")]
    [InlineData("1j:x", 0, "complex")]
    [InlineData("'abc:x", 0, "unterminated")]
    [InlineData("role:a and (role:b or (role:c)", 11, "missing ')'")]
    public void Errors_report_the_position(string text, int position, string fragment)
    {
        var ex = Assert.Throws<PolicyParseException>(() => PolicyParser.Parse(text));
        Assert.Equal(position, ex.Position);
        Assert.Equal(position + 1, ex.Column);
        Assert.Contains(fragment, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(text, ex.CheckString);
        Assert.Contains($"column {position + 1}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_reports_instead_of_throwing()
    {
        Assert.False(PolicyParser.TryParse("role:a and", out var check, out var error));
        Assert.Same(PolicyCheck.Never, check);
        Assert.NotNull(error);
        Assert.True(PolicyParser.TryParse("role:a", out check, out error));
        Assert.Null(error);
        Assert.Equal("role:a", check.ToString());
    }

    [Fact]
    public void Legacy_list_of_lists()
    {
        Assert.Same(PolicyCheck.Always, PolicyParser.ParseList(Array.Empty<object>()));
        Assert.Same(PolicyCheck.Never, PolicyParser.ParseList(new object[] { Array.Empty<string>() }));
        Assert.Equal("role:admin", PolicyParser.ParseList(new object[] { new[] { "role:admin" } }).ToString());
        Assert.Equal("role:admin", PolicyParser.ParseList(new object[] { "role:admin" }).ToString());
        Assert.Equal(
            "(role:admin or (project_id:%(project_id)s and role:projectadmin))",
            PolicyParser.ParseList(new object[] { new[] { "role:admin" }, new[] { "project_id:%(project_id)s", "role:projectadmin" } }).ToString());
        Assert.Throws<PolicyParseException>(() => PolicyParser.ParseList(new object[] { new[] { "nocolon" } }));
    }

    [Fact]
    public void Referenced_rules_are_listed()
    {
        var check = PolicyParser.Parse("rule:a or (role:x and not rule:b) or rule:a");
        Assert.Equal(["a", "b", "a"], check.ReferencedRules());
    }

    [Fact]
    public void Rule_default_parse_errors_name_the_rule()
    {
        var ex = Assert.Throws<PolicyParseException>(() => new RuleDefault("svc:thing", "role:a and"));
        Assert.Equal("svc:thing", ex.RuleName);
        Assert.Contains("rule \"svc:thing\"", ex.Message, StringComparison.Ordinal);
    }
}
