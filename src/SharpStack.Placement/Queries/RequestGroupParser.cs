using System.Text.RegularExpressions;
using SharpStack.Core.Microversions;
using SharpStack.Placement.Api.Http;

namespace SharpStack.Placement.Queries;

/// <summary>Splits a query string into request groups by suffix (upstream lib.RequestGroup.dict_from_request) and
/// applies the group checks of GET /allocation_candidates; also builds GET /resource_providers' single filter group.</summary>
public static partial class RequestGroupParser
{
    [GeneratedRegex("^(resources|required|member_of|in_tree)([1-9][0-9]*)?$")]
    private static partial Regex NumberedKey();

    [GeneratedRegex("^(resources|required|member_of|in_tree)([a-zA-Z0-9_-]{1,64})?$")]
    private static partial Regex NamedKey();

    private static readonly Microversion SameSubtreeVersion = new(1, 36);

    /// <summary>The groups of an allocation candidates request, in the order their first key appears, checked
    /// as upstream does (orphans below 1.36, same_subtree rules from 1.36, required/forbidden conflicts from 1.22).</summary>
    public static List<RequestGroup> ForCandidates(QueryParams query, RequestWideParams wide, Microversion version)
    {
        var groups = Parse(query, version);
        if (version >= SameSubtreeVersion) CheckSameSubtree(groups, wide);
        else CheckOrphans(groups);
        if (version >= new Microversion(1, 22)) CheckForbidden(groups);
        return groups;
    }

    /// <summary>GET /resource_providers' filters as one unsuffixed group, parsed in upstream's order (member_of,
    /// required, then resources from its last value). in_tree is taken raw: that route's schema already checked it.</summary>
    public static RequestGroup ForProviderList(QueryParams query, Microversion version)
    {
        var group = new RequestGroup("");
        if (query.Contains("member_of"))
            (group.MemberOf, group.ForbiddenAggregates) = MemberOfParam.ParseAll(query, "", version);
        if (query.Contains("required"))
            (group.RequiredTraits, group.ForbiddenTraits) = TraitsParam.ParseAll(query, "", version);
        if (query.Last("in_tree") is { } tree) group.InTree = tree;
        if (query.Last("resources") is { } resources) group.Resources = ResourcesParam.Parse(resources);
        return group;
    }

    private static List<RequestGroup> Parse(QueryParams query, Microversion version)
    {
        var pattern = version >= new Microversion(1, 33) ? NamedKey() : NumberedKey();
        var bySuffix = new Dictionary<string, RequestGroup>(StringComparer.Ordinal);
        var order = new List<RequestGroup>();
        foreach (var (key, value) in query.Pairs)
        {
            var match = pattern.Match(key);
            if (!match.Success) continue;
            var prefix = match.Groups[1].Value;
            var suffix = match.Groups[2].Value;
            if (!bySuffix.TryGetValue(suffix, out var group))
            {
                group = new RequestGroup(suffix);
                bySuffix[suffix] = group;
                order.Add(group);
            }
            switch (prefix)
            {
                case "resources":
                    group.Resources = ResourcesParam.Parse(value);
                    break;
                case "required":
                    (group.RequiredTraits, group.ForbiddenTraits) = TraitsParam.ParseAll(query, suffix, version);
                    break;
                case "member_of":
                    (group.MemberOf, group.ForbiddenAggregates) = MemberOfParam.ParseAll(query, suffix, version);
                    break;
                default:
                    group.InTree = InTreeParam.Parse(value);
                    break;
            }
        }
        return order;
    }

    private static void CheckSameSubtree(List<RequestGroup> groups, RequestWideParams wide)
    {
        var resourceless = groups.Where(g => g.Resources.Count == 0).Select(g => g.Suffix).ToList();
        if (resourceless.Count == groups.Count)
            throw PlacementErrors.BadRequest("There must be at least one resources or resources[$S] parameter.", PlacementErrors.QueryMissingValue);
        var inSubtrees = wide.SameSubtrees.SelectMany(s => s).Distinct().ToList();
        var bad = resourceless.Where(s => !inSubtrees.Contains(s)).ToList();
        if (bad.Count > 0)
            throw PlacementErrors.BadRequest("Resourceless suffixed group request should be specified in `same_subtree` query param: " +
                $"bad group(s) - {PyList(bad)}.", PlacementErrors.QueryBadValue);
        var suffixes = groups.Select(g => g.Suffix).ToList();
        var unknown = inSubtrees.Where(s => !suffixes.Contains(s)).ToList();
        if (unknown.Count > 0)
            throw PlacementErrors.BadRequest($"Real suffixes should be specified in `same_subtree`: {PyList(unknown)} not found in {PyList(suffixes)}.",
                PlacementErrors.QueryBadValue);
    }

    private static void CheckOrphans(List<RequestGroup> groups)
    {
        var orphans = groups.Where(g => g.RequiredTraits.Count > 0 && g.Resources.Count == 0).Select(g => "required" + g.Suffix).ToList();
        if (orphans.Count > 0)
            throw PlacementErrors.BadRequest("All traits parameters must be associated with resources.  Found the following orphaned traits keys: " +
                string.Join(", ", orphans));
        orphans = groups.Where(g => g.Resources.Count == 0 && (g.MemberOf.Count > 0 || g.ForbiddenAggregates.Count > 0))
            .Select(g => "member_of" + g.Suffix).ToList();
        if (orphans.Count > 0)
            throw PlacementErrors.BadRequest("All member_of parameters must be associated with resources. Found the following orphaned member_of keys: " +
                string.Join(", ", orphans));
        if (groups.Any(g => g.Resources.Count == 0))
            throw PlacementErrors.BadRequest("All request groups must specify resources.");
        if (groups.Count == 0)
            throw PlacementErrors.BadRequest("At least one request group (`resources` or `resources{$S}`) is required.");
    }

    private static void CheckForbidden(List<RequestGroup> groups)
    {
        var conflicts = new List<string>();
        foreach (var g in groups)
            foreach (var any in g.RequiredTraits)
                if (any.All(g.ForbiddenTraits.Contains))
                    conflicts.Add($"required{g.Suffix}: ({string.Join(", ", any.Order(StringComparer.Ordinal))})");
        if (conflicts.Count > 0)
            throw PlacementErrors.BadRequest("Conflicting required and forbidden traits found in the following traits keys: " +
                string.Join(", ", conflicts.Order(StringComparer.Ordinal)));
    }

    /// <summary>A Python repr of a list of suffixes: ['a', 'b'] (suffixes are [a-zA-Z0-9_-], so no escaping).</summary>
    private static string PyList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(s => "'" + s + "'")) + "]";
}
