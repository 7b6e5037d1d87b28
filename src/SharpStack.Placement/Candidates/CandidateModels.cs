namespace SharpStack.Placement.Candidates;

/// <summary>A provider as the candidate search sees it: identity, place in its tree, traits and inventory usage.</summary>
public sealed class ProviderSummary
{
    public required int Id { get; init; }
    public required string Uuid { get; init; }
    public string? ParentUuid { get; init; }
    public required string RootUuid { get; init; }
    public List<string> Traits { get; } = [];

    /// <summary>One entry per resource class the provider has inventory of (ordered by class id).</summary>
    public List<SummaryResource> Resources { get; } = [];
}

/// <summary>Capacity ((total - reserved) × ratio, truncated), current usage and max_unit of one class of a provider.</summary>
public sealed record SummaryResource(int ClassId, string ClassName, long Capacity, long Used, int MaxUnit);

/// <summary>An amount of one class taken from one provider (upstream AllocationRequestResource).</summary>
public readonly record struct ResourceRequest(ProviderSummary Provider, string ClassName, long Amount);

/// <summary>One way of satisfying one group, or (after merging) the whole request: the amounts per provider and
/// which providers served which group (upstream AllocationRequest).</summary>
public sealed class AllocationRequest
{
    /// <summary>Root uuid of the tree the request is anchored to (a sharing provider can serve many anchors).</summary>
    public required string AnchorRootUuid { get; init; }

    /// <summary>True when it satisfies a suffixed group (one provider), for group_policy=isolate.</summary>
    public bool UseSameProvider { get; set; }

    public required List<ResourceRequest> Resources { get; init; }

    /// <summary>Group suffix → uuids of the providers that served it (resourceless groups too).</summary>
    public required Dictionary<string, HashSet<string>> Mappings { get; init; }

    /// <summary>A copy anchored elsewhere (same resources and mappings objects, as upstream's shallow copy).</summary>
    public AllocationRequest WithAnchor(string anchorRootUuid) =>
        new() { AnchorRootUuid = anchorRootUuid, UseSameProvider = UseSameProvider, Resources = Resources, Mappings = Mappings };

    /// <summary>Identity for collapsing duplicates: the set of (provider, class, amount) plus the mappings.</summary>
    public string Key()
    {
        var parts = Resources.Select(r => $"{r.Provider.Id}:{r.ClassName}:{r.Amount}").Order(StringComparer.Ordinal);
        var maps = Mappings.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => m.Key + "=" + string.Join(",", m.Value.Order(StringComparer.Ordinal)));
        return string.Join(";", parts) + "|" + string.Join(";", maps);
    }
}

/// <summary>The answer: allocation requests and the summaries of the providers involved.</summary>
public sealed record CandidateResult(List<AllocationRequest> Requests, List<ProviderSummary> Summaries)
{
    public static CandidateResult Empty => new([], []);
}
