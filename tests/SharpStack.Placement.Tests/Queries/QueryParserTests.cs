using SharpStack.Core.Errors;
using SharpStack.Core.Microversions;
using SharpStack.Placement.Queries;

namespace SharpStack.Placement.Tests.Queries;

/// <summary>The query-string parsers against upstream's texts (errors.md "Query-string parsing").</summary>
public sealed class QueryParserTests
{
    private static readonly Microversion Latest = new(1, 39);

    private static QueryParams Q(params (string, string)[] pairs) => new(pairs.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)));

    private static string Error(Action action) => Assert.Throws<ApiException>(action).Message;

    [Fact]
    public void Resources_parse_in_order_and_last_amount_wins()
    {
        var r = ResourcesParam.Parse("VCPU:2,MEMORY_MB:1024,VCPU:3");
        Assert.Equal([("VCPU", 3L), ("MEMORY_MB", 1024L)], r.Select(p => (p.Key, p.Value)));
    }

    [Theory]
    [InlineData("", "Badly formed resources parameter. Expected resources query string parameter in form: ?resources=VCPU:2,MEMORY_MB:1024. Got: empty string.")]
    [InlineData("VCPU", "Badly formed resources parameter. Expected resources query string parameter in form: ?resources=VCPU:2,MEMORY_MB:1024. Got: VCPU.")]
    [InlineData("VCPU:1:2", "Badly formed resources parameter. Expected resources query string parameter in form: ?resources=VCPU:2,MEMORY_MB:1024. Got: VCPU:1:2.")]
    [InlineData("VCPU:x", "Requested resource VCPU expected positive integer amount. Got: x.")]
    [InlineData("VCPU:-02", "Requested resource VCPU requires amount >= 1. Got: -2.")]
    [InlineData("VCPU:0", "Requested resource VCPU requires amount >= 1. Got: 0.")]
    public void Bad_resources_get_upstream_messages(string value, string message) =>
        Assert.Equal(message, Error(() => ResourcesParam.Parse(value)));

    [Fact]
    public void Required_traits_split_into_sets_and_forbidden()
    {
        var (required, forbidden) = TraitsParam.ParseAll(Q(("required", "A,!B,!!C"), ("required", "in:D,E")), "", Latest);
        Assert.Equal(2, required.Count);
        Assert.Equal("A", Assert.Single(required[0]));
        Assert.Equal(["D", "E"], required[1].Order());
        Assert.Equal(["B", "C"], forbidden.Order());
    }

    [Fact]
    public void Below_1_39_only_the_last_required_counts_and_in_is_refused()
    {
        var (required, _) = TraitsParam.ParseAll(Q(("required", "A"), ("required", "B")), "", new Microversion(1, 38));
        Assert.Equal("B", Assert.Single(Assert.Single(required)));
        Assert.Equal("Invalid query string parameters: The format 'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' only supported since microversion 1.39. Got: in:A",
            Error(() => TraitsParam.ParseAll(Q(("required", "in:A")), "", new Microversion(1, 38))));
        Assert.Equal("Invalid query string parameters: Expected 'required' parameter value of the form: HW_CPU_X86_VMX,CUSTOM_MAGIC. Got: !A",
            Error(() => TraitsParam.ParseAll(Q(("required", "!A")), "", new Microversion(1, 21))));
        Assert.Equal("Invalid query string parameters: Expected 'required' parameter value of the form: HW_CPU_X86_VMX,!CUSTOM_MAGIC. Got an empty trait in: A,,B",
            Error(() => TraitsParam.ParseAll(Q(("required", "A,,B")), "", Latest)));
        Assert.Equal("Invalid query string parameters: The format 'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' does not support forbidden traits. Got: in:A,!B",
            Error(() => TraitsParam.ParseAll(Q(("required", "in:A,!B")), "", Latest)));
    }

    [Fact]
    public void Member_of_rules_by_microversion()
    {
        const string a = "11111111-1111-1111-1111-111111111111", b = "22222222-2222-2222-2222-222222222222";
        var (required, forbidden) = MemberOfParam.ParseAll(Q(("member_of", $"in:{a},{b}"), ("member_of", "!" + a)), "", Latest);
        Assert.Equal(2, Assert.Single(required).Count);
        Assert.Equal(a, Assert.Single(forbidden));
        Assert.Equal("Multiple member_of1 parameters are not supported",
            Error(() => MemberOfParam.ParseAll(Q(("member_of1", a), ("member_of1", b)), "1", new Microversion(1, 23))));
        Assert.Equal("Forbidden member_of parameters are not supported in the specified microversion",
            Error(() => MemberOfParam.ParseAll(Q(("member_of", "!" + a)), "", new Microversion(1, 31))));
        Assert.Equal($"Multiple values for 'member_of' must be prefixed with the 'in:' or '!in:' keyword using the valid microversion. Got: {a},{b}",
            Error(() => MemberOfParam.Parse($"{a},{b}")));
        Assert.Equal("Invalid query string parameters: Expected 'member_of' parameter to contain valid UUID(s). Got: !x",
            Error(() => MemberOfParam.Parse("in:!x")));
        Assert.Equal("Invalid query string parameters: Expected 'in_tree' parameter to be a format of uuid. Got: nope",
            Error(() => InTreeParam.Parse("nope")));
    }

    [Fact]
    public void Groups_keep_first_appearance_order_and_check_orphans()
    {
        var groups = RequestGroupParser.ForCandidates(Q(("resources2", "VCPU:1"), ("resources", "DISK_GB:1"), ("required2", "A")),
            new RequestWideParams(), new Microversion(1, 30));
        Assert.Equal(["2", ""], groups.Select(g => g.Suffix));
        Assert.Equal("All traits parameters must be associated with resources.  Found the following orphaned traits keys: required1",
            Error(() => RequestGroupParser.ForCandidates(Q(("resources", "VCPU:1"), ("required1", "A")), new RequestWideParams(), new Microversion(1, 30))));
        Assert.Equal("At least one request group (`resources` or `resources{$S}`) is required.",
            Error(() => RequestGroupParser.ForCandidates(Q(), new RequestWideParams(), new Microversion(1, 30))));
        Assert.Equal("Conflicting required and forbidden traits found in the following traits keys: required: (A)",
            Error(() => RequestGroupParser.ForCandidates(Q(("resources", "VCPU:1"), ("required", "A,!A")), new RequestWideParams(), Latest)));
    }

    [Fact]
    public void Same_subtree_rules_from_1_36()
    {
        var wide = RequestWideParams.FromQuery(Q(("same_subtree", "_A,_B")));
        Assert.Equal("Real suffixes should be specified in `same_subtree`: ['_A', '_B'] not found in [''].",
            Error(() => RequestGroupParser.ForCandidates(Q(("resources", "VCPU:1")), wide, Latest)));
        Assert.Equal("Resourceless suffixed group request should be specified in `same_subtree` query param: bad group(s) - ['1'].",
            Error(() => RequestGroupParser.ForCandidates(Q(("resources", "VCPU:1"), ("required1", "A")), new RequestWideParams(), Latest)));
        Assert.Equal("There must be at least one resources or resources[$S] parameter.",
            Error(() => RequestGroupParser.ForCandidates(Q(("required", "A")), new RequestWideParams(), Latest)));
        Assert.Equal("Empty string (unsuffixed group) can not be specified in `same_subtree` ",
            Error(() => RequestWideParams.FromQuery(Q(("same_subtree", "_A,")))));
        Assert.Equal("Query parameter 'root_required' may be specified only once.",
            Error(() => RequestWideParams.FromQuery(Q(("root_required", "A"), ("root_required", "B")))));
    }

    [Fact]
    public void Provider_list_filters_come_as_one_unsuffixed_group()
    {
        var group = RequestGroupParser.ForProviderList(Q(("resources", "VCPU:1"), ("required", "A,!B"), ("in_tree", "x")), Latest);
        Assert.Equal("", group.Suffix);
        Assert.Equal(1, group.Resources["VCPU"]);
        Assert.Equal("B", Assert.Single(group.ForbiddenTraits));
        Assert.Equal("x", group.InTree);
    }
}
