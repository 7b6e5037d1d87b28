namespace SharpStack.Placement.Candidates;

/// <summary>The questions the candidate search asks (upstream research_context's queries), answered from the provider
/// snapshot: capacity, traits, aggregates and trees, for one search.</summary>
public sealed class CandidateStore(ProviderSnapshot.SnapshotView view)
{
    /// <summary>Whether any provider has a parent (else trees play no part and simpler paths apply).</summary>
    public bool HasTrees() => view.Providers.Values.Any(p => p.ParentUuid is not null);

    /// <summary>Ids of providers with the named trait (MISC_SHARES_VIA_AGGREGATE: the sharing providers).</summary>
    public HashSet<int> ProvidersWithTraitName(string trait) => view.TraitId(trait) is { } id
        ? [.. view.Providers.Values.Where(p => Array.BinarySearch(p.TraitIds, id) >= 0).Select(p => p.Id)]
        : [];

    /// <summary>(provider id, root id) of providers that can take <paramref name="amount"/> of the class: inventory
    /// with used + amount ≤ (total - reserved) × ratio, min_unit ≤ amount ≤ max_unit, amount a multiple of step_size;
    /// optionally only inside the tree rooted at <paramref name="treeRootId"/>.</summary>
    public List<(int Id, int RootId)> ProvidersWithResource(int classId, long amount, int? treeRootId)
    {
        var result = new List<(int, int)>();
        foreach (var p in view.WithClass(classId))
        {
            var i = p.Inventory(classId)!;
            var used = p.Used.GetValueOrDefault(classId);
            if (!(used + amount <= (i.Total - i.Reserved) * i.AllocationRatio && i.MinUnit <= amount && i.MaxUnit >= amount && amount % i.StepSize == 0)) continue;
            var root = view.RootId(p);
            if (treeRootId is { } only && root != only) continue;
            result.Add((p.Id, root));
        }
        return result;
    }

    /// <summary>Ids of the providers having the trait.</summary>
    public IReadOnlyList<int> ProvidersWithTrait(int traitId) => view.WithTrait(traitId);

    /// <summary>Ids of the providers in the aggregate with this uuid.</summary>
    public IReadOnlyList<int> ProvidersInAggregate(string uuid) => view.AggregateId(uuid) is { } id ? view.InAggregate(id) : [];

    /// <summary>Trait ids of every provider of the tree rooted at <paramref name="rootId"/>.</summary>
    public HashSet<int> TreeTraitIds(int rootId)
    {
        var result = new HashSet<int>();
        if (view.Providers.TryGetValue(rootId, out var root))
            foreach (var id in view.Tree(root.Uuid)) result.UnionWith(view.Providers[id].TraitIds);
        return result;
    }

    /// <summary>(id, root id) of the provider with this exact uuid, or null.</summary>
    public (int Id, int RootId)? ProviderIds(string uuid) => view.ByUuid(uuid) is { } p ? (p.Id, view.RootId(p)) : null;

    /// <summary>(id, root id) of the given providers.</summary>
    public List<(int Id, int RootId)> ProvidersWithRoot(IReadOnlyCollection<int> ids)
    {
        var result = new List<(int, int)>();
        foreach (var id in ids.Order())
            if (view.Providers.TryGetValue(id, out var p)) result.Add((id, view.RootId(p)));
        return result;
    }

    /// <summary>For each sharing provider: the roots (id, uuid) of every provider sharing an aggregate with it (its
    /// own root included when it is in an aggregate; nothing when it is in none).</summary>
    public List<(int SharingId, int AnchorId, string AnchorUuid)> AnchorsForSharing(IReadOnlyCollection<int> sharingIds)
    {
        var result = new List<(int, int, string)>();
        var seen = new HashSet<(int, int)>();
        foreach (var sharingId in sharingIds)
        {
            if (!view.Providers.TryGetValue(sharingId, out var sharing)) continue;
            foreach (var aggregate in sharing.AggregateIds)
                foreach (var otherId in view.InAggregate(aggregate))
                {
                    var root = view.Providers[view.RootId(view.Providers[otherId])];
                    if (seen.Add((sharingId, root.Id))) result.Add((sharingId, root.Id, root.Uuid));
                }
        }
        return result;
    }

    /// <summary>Ids of root providers with all <paramref name="required"/> and none of <paramref name="forbidden"/> traits.</summary>
    public HashSet<int> RootsWithTraits(IReadOnlyCollection<int> required, IReadOnlyCollection<int> forbidden) =>
        [.. view.Providers.Values
            .Where(p => p.ParentUuid is null
                        && required.All(t => Array.BinarySearch(p.TraitIds, t) >= 0)
                        && !forbidden.Any(t => Array.BinarySearch(p.TraitIds, t) >= 0))
            .Select(p => p.Id)];

    /// <summary>Every provider of the trees that contain any of <paramref name="providerIds"/>, with traits,
    /// inventories and usage, as detached summaries (they outlive the snapshot lock).</summary>
    public List<ProviderSummary> Trees(IReadOnlyCollection<int> providerIds, IReadOnlyDictionary<int, string> classNames)
    {
        var roots = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in providerIds)
            if (view.Providers.TryGetValue(id, out var p)) roots.Add(p.RootUuid);
        var members = roots.SelectMany(view.Tree).Order().ToList();
        var result = new List<ProviderSummary>(members.Count);
        foreach (var id in members)
        {
            var p = view.Providers[id];
            var summary = new ProviderSummary { Id = p.Id, Uuid = p.Uuid, ParentUuid = p.ParentUuid, RootUuid = p.RootUuid };
            foreach (var i in p.Inventories)
            {
                var capacity = (long)Math.Truncate((i.Total - i.Reserved) * i.AllocationRatio);
                var name = classNames.TryGetValue(i.ClassId, out var n) ? n : $"UNKNOWN_{i.ClassId}";
                summary.Resources.Add(new SummaryResource(i.ClassId, name, capacity, p.Used.GetValueOrDefault(i.ClassId), i.MaxUnit));
            }
            foreach (var t in p.TraitIds) summary.Traits.Add(view.TraitName(t));
            result.Add(summary);
        }
        return result;
    }
}
