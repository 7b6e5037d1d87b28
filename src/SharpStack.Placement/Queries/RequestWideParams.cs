using SharpStack.Placement.Api.Http;

namespace SharpStack.Placement.Queries;

/// <summary>GET /allocation_candidates parameters that apply to the whole request (upstream lib.RequestWideParams).</summary>
public sealed class RequestWideParams
{
    /// <summary>At most this many candidates (the first <c>limit</c> given is used; the schema checked the last).</summary>
    public int? Limit { get; init; }

    /// <summary>"none", "isolate" or null (first value given).</summary>
    public string? GroupPolicy { get; init; }

    /// <summary>Traits the root of each candidate's tree must have (root_required).</summary>
    public HashSet<string> RootRequired { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Traits the root of each candidate's tree must not have.</summary>
    public HashSet<string> RootForbidden { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Each same_subtree value as a list of suffixes (one of the providers of those groups must be an
    /// ancestor-or-self of all the others).</summary>
    public List<List<string>> SameSubtrees { get; init; } = [];

    /// <summary>Parses the request-wide parameters (run after the schema check, before the groups).</summary>
    public static RequestWideParams FromQuery(QueryParams query)
    {
        int? limit = null;
        if (query.GetAll("limit") is { Count: > 0 } limits)
        {
            // The schema only saw the last value; a bad first one is a 400 here rather than upstream's 500.
            if (!ResourcesParam.TryPythonInt(limits[0], out var n) || n < 1)
                throw PlacementErrors.BadRequest($"Invalid query string parameters: '{limits[0]}' does not match '^[1-9][0-9]*$'");
            limit = (int)Math.Min(n, int.MaxValue);
        }
        var policy = query.GetAll("group_policy") is { Count: > 0 } policies ? policies[0] : null;

        var rootRequired = new HashSet<string>(StringComparer.Ordinal);
        var rootForbidden = new HashSet<string>(StringComparer.Ordinal);
        var roots = query.GetAll("root_required");
        if (roots.Count > 1)
            throw PlacementErrors.BadRequest("Query parameter 'root_required' may be specified only once.", PlacementErrors.QueryDuplicateKey);
        if (roots.Count == 1)
        {
            var (required, forbidden, conflicts) = TraitsParam.ParseFlat(roots[0]);
            if (conflicts.Count > 0)
                throw PlacementErrors.BadRequest("Conflicting required and forbidden traits found in root_required: " + string.Join(", ", conflicts),
                    PlacementErrors.QueryBadValue);
            (rootRequired, rootForbidden) = (required, forbidden);
        }

        var subtrees = new List<List<string>>();
        foreach (var value in query.GetAll("same_subtree"))
        {
            var suffixes = value.Split(',').Select(s => s.Trim()).Distinct().ToList();
            if (suffixes.Contains(""))
                throw PlacementErrors.BadRequest("Empty string (unsuffixed group) can not be specified in `same_subtree` ", PlacementErrors.QueryBadValue);
            subtrees.Add(suffixes);
        }
        return new RequestWideParams
        {
            Limit = limit, GroupPolicy = policy, RootRequired = rootRequired, RootForbidden = rootForbidden, SameSubtrees = subtrees,
        };
    }
}
