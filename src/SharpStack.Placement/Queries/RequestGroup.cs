namespace SharpStack.Placement.Queries;

/// <summary>One group of a resource request (upstream's lib.RequestGroup): the unsuffixed group (resources may come
/// from several providers of one tree plus sharing providers) or a suffixed one (everything from one provider).
/// GET /resource_providers uses a single unsuffixed group as its filter set.</summary>
public sealed class RequestGroup(string suffix)
{
    /// <summary>"" for the unsuffixed group, else the suffix after resources/required/member_of/in_tree.</summary>
    public string Suffix { get; } = suffix;

    /// <summary>True for suffixed groups: a single provider must satisfy the whole group.</summary>
    public bool UseSameProvider => Suffix.Length > 0;

    /// <summary>Requested amounts by resource class name, in request order (a repeated class: last amount wins).</summary>
    public Dictionary<string, long> Resources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Required traits: every set must be matched by at least one of its traits (sets are AND'ed, the
    /// traits inside a set OR'ed: "in:A,B" gives one set of two, "A,B" two sets of one).</summary>
    public List<HashSet<string>> RequiredTraits { get; set; } = [];

    /// <summary>Traits no provider of the group may have ("!T").</summary>
    public HashSet<string> ForbiddenTraits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Required aggregates: AND of any-of sets (one set per member_of parameter).</summary>
    public List<HashSet<string>> MemberOf { get; set; } = [];

    /// <summary>Aggregates the providers must not be in ("!agg", "!in:a,b").</summary>
    public HashSet<string> ForbiddenAggregates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The uuid of a provider whose tree the group must be satisfied from (stripped, not normalised).</summary>
    public string? InTree { get; set; }

    /// <summary>Every trait name the group mentions (required and forbidden), for name resolution.</summary>
    public IEnumerable<string> AllTraitNames => RequiredTraits.SelectMany(s => s).Concat(ForbiddenTraits);
}
