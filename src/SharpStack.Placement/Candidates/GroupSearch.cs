using SharpStack.Placement.Queries;

namespace SharpStack.Placement.Candidates;

/// <summary>What one request group asks for, resolved to ids, with the providers that pass each of its filters
/// (upstream RequestGroupSearchContext). Built by <see cref="CandidateSearch"/>, in upstream's order of checks.</summary>
internal sealed class GroupSearch
{
    public required RequestGroup Group { get; init; }

    public string Suffix => Group.Suffix;

    /// <summary>Class id → amount, in request order.</summary>
    public required List<(int ClassId, string ClassName, long Amount)> Resources { get; init; }

    /// <summary>Required traits as id sets (AND of OR-sets).</summary>
    public required List<HashSet<int>> RequiredTraits { get; init; }

    public required HashSet<int> ForbiddenTraits { get; init; }

    /// <summary>Providers themselves in every member_of set; null when the group has no member_of.</summary>
    public HashSet<int>? ProvidersInAggregates { get; init; }

    /// <summary>Root id of the in_tree provider's tree, or null.</summary>
    public int? TreeRootId { get; init; }

    /// <summary>Class id → (provider, root) pairs with room for the group's amount of it.</summary>
    public required Dictionary<int, List<(int Id, int RootId)>> WithResource { get; init; }

    public bool HasTraitFilters => RequiredTraits.Count > 0 || ForbiddenTraits.Count > 0;
}
