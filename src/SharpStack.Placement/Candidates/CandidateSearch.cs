using SharpStack.Placement.Queries;
using SharpStack.Placement.ResourceClasses;
using SharpStack.Placement.Storage;

namespace SharpStack.Placement.Candidates;

/// <summary>Finds allocation candidates for parsed request groups as Placement 8.0.0 does
/// (objects/allocation_candidate.py and research_context.py), including its order of checks and its quirks, so that
/// answers and errors match. One instance serves one request.</summary>
public sealed class CandidateSearch(ProviderSnapshot snapshot, PlacementDb db, ResourceClassCatalog classes)
{
    public const string SharingTrait = "MISC_SHARES_VIA_AGGREGATE";

    /// <summary>Thrown (and caught below) where upstream raises ResourceProviderNotFound: the answer is empty.</summary>
    private sealed class NoCandidatesException : Exception;

    private CandidateStore store = null!;
    private IReadOnlyDictionary<string, int> _classIds = new Dictionary<string, int>();
    private bool _hasTrees;
    private HashSet<int>? _anchorRoots;

    // Upstream narrows this set in place while serving member_of groups, and later groups see the narrowed set;
    // kept mutable to give the same answers.
    private HashSet<int> _sharing = [];
    private HashSet<int> _sharingProviders = [];
    private Dictionary<string, int> _traitIds = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<int, string> _classNames = new Dictionary<int, string>();
    private readonly Dictionary<int, ProviderSummary> _summaries = [];
    private readonly Dictionary<string, string?> _parentOf = new(StringComparer.Ordinal);
    private List<string> _allTraitNames = [];

    /// <summary>The candidates for <paramref name="groups"/>. Throws 400 ApiExceptions for unknown classes/traits
    /// (when the search reaches them, as upstream); an impossible request gives an empty result.</summary>
    public async Task<CandidateResult> FindAsync(IReadOnlyList<RequestGroup> groups, RequestWideParams wide, bool nestedAware,
        bool randomize, CancellationToken ct, long? revision = null)
    {
        _classNames = await classes.NamesAsync(ct);
        _classIds = await classes.IdsAsync(ct);
        var at = revision ?? await CandidateCache.RevisionAsync(db, ct);
        return await snapshot.ReadAsync(db, at, view =>
        {
            store = new CandidateStore(view);
            try
            {
                return Search(view, groups, wide, nestedAware, randomize);
            }
            catch (NoCandidatesException)
            {
                return CandidateResult.Empty;
            }
        }, ct);
    }

    private CandidateResult Search(ProviderSnapshot.SnapshotView view, IReadOnlyList<RequestGroup> groups, RequestWideParams wide,
        bool nestedAware, bool randomize)
    {
        _allTraitNames = [.. groups.SelectMany(g => g.AllTraitNames).Concat(wide.RootRequired).Concat(wide.RootForbidden).Distinct()];
        _traitIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in _allTraitNames)
            if (view.TraitId(name) is { } id) _traitIds[name] = id;

        _hasTrees = store.HasTrees();
        ProcessAnchorTraits(wide);
        _sharingProviders = store.ProvidersWithTraitName(SharingTrait);
        _sharing = [.. _sharingProviders];

        var candidates = new List<(string Suffix, List<AllocationRequest> Requests)>();
        foreach (var group in groups)
        {
            var search = GroupSearch(group);
            // A lone group's requests are the final ones (merging one list changes nothing), so a limit can be
            // applied before the providers' trees are read.
            var stopAfter = groups.Count == 1 ? wide.Limit : null;
            var requests = OneGroup(search, stopAfter, randomize);
            if (requests.Count == 0) return CandidateResult.Empty;
            foreach (var r in requests) r.UseSameProvider = group.UseSameProvider;
            candidates.Add((group.Suffix, requests));
        }

        var (merged, summaries) = Merge(candidates, wide);
        (merged, summaries) = ExcludeNested(merged, summaries, nestedAware);
        return Limit(merged, summaries, wide.Limit, randomize);
    }

    // --- request-wide ---------------------------------------------------------------------------------------------

    private void ProcessAnchorTraits(RequestWideParams wide)
    {
        if (wide.RootRequired.Count == 0 && wide.RootForbidden.Count == 0) return;
        var required = TraitIds(wide.RootRequired);
        var forbidden = TraitIds(wide.RootForbidden);
        _anchorRoots = store.RootsWithTraits(required, forbidden);
        if (_anchorRoots.Count == 0) throw new NoCandidatesException();
    }

    private bool InFilteredAnchors(int rootId) => _anchorRoots is null || _anchorRoots.Contains(rootId);

    private List<int> TraitIds(IEnumerable<string> names)
    {
        var ids = new List<int>();
        foreach (var name in names)
        {
            if (!_traitIds.TryGetValue(name, out var id)) throw QueryNames.UnknownTraitForCandidates(name);
            ids.Add(id);
        }
        return ids;
    }

    // --- one group ------------------------------------------------------------------------------------------------

    /// <summary>Resolves a group in upstream's order: classes (400), member_of (empty), traits (400), in_tree
    /// (empty), then the providers with room for each class (empty when none).</summary>
    private GroupSearch GroupSearch(RequestGroup group)
    {
        var resources = new List<(int, string, long)>();
        foreach (var (name, amount) in group.Resources)
        {
            if (!_classIds.TryGetValue(name, out var id)) throw QueryNames.UnknownResourceClass(name);
            resources.Add((id, name, amount));
        }

        HashSet<int>? inAggregates = null;
        if (group.MemberOf.Count > 0)
        {
            inAggregates = ProvidersInAll(group.MemberOf);
            if (inAggregates.Count == 0) throw new NoCandidatesException();
        }

        var required = group.RequiredTraits.Select(any => TraitIds(any).ToHashSet()).ToList();
        var forbidden = TraitIds(group.ForbiddenTraits).ToHashSet();

        int? treeRoot = null;
        if (group.InTree is { } tree)
        {
            if (store.ProviderIds(tree) is not { } ids) throw new NoCandidatesException();
            treeRoot = ids.RootId;
        }

        var withResource = new Dictionary<int, List<(int, int)>>();
        foreach (var (classId, _, amount) in resources)
        {
            var providers = store.ProvidersWithResource(classId, amount, treeRoot);
            if (providers.Count == 0) throw new NoCandidatesException();
            withResource[classId] = providers;
        }
        return new GroupSearch
        {
            Group = group, Resources = resources, RequiredTraits = required, ForbiddenTraits = forbidden,
            ProvidersInAggregates = inAggregates, TreeRootId = treeRoot, WithResource = withResource,
        };
    }

    private List<AllocationRequest> OneGroup(GroupSearch g, int? stopAfter, bool randomize)
    {
        if (!g.Group.UseSameProvider && (_sharing.Count > 0 || _hasTrees))
        {
            if (g.RequiredTraits.Count > 0)
            {
                // Quick exit: nobody has any of the required traits at all.
                var flat = g.RequiredTraits.SelectMany(s => s).ToHashSet();
                if (ProvidersWithAnyTrait(flat).Count == 0) return [];
            }
            var nominated = TreesMatchingAll(g);
            return MultipleProviders(g, nominated);
        }
        var tuples = ProviderIdsMatching(g);
        return SingleProvider(g, tuples, stopAfter, randomize);
    }

    /// <summary>Providers that alone satisfy a group (suffixed groups; the unsuffixed one when there are neither
    /// trees nor sharing providers): upstream get_provider_ids_matching.</summary>
    private List<(int Id, int RootId)> ProviderIdsMatching(GroupSearch g)
    {
        var filtered = new HashSet<int>();
        if (g.RequiredTraits.Count > 0)
        {
            filtered = ProvidersWithAllTraits(g.RequiredTraits);
            if (filtered.Count == 0) return [];
        }
        if (g.ProvidersInAggregates is { } inAggs)
        {
            if (filtered.Count > 0) filtered.IntersectWith(inAggs);
            else filtered = [.. inAggs];
            if (filtered.Count == 0) return [];
        }
        var forbiddenIds = new HashSet<int>();
        if (g.Group.ForbiddenAggregates.Count > 0)
        {
            var bad = ProvidersInAny(g.Group.ForbiddenAggregates);
            forbiddenIds.UnionWith(bad);
            if (filtered.Count > 0)
            {
                filtered.ExceptWith(bad);
                if (filtered.Count == 0) return [];
            }
        }
        if (g.ForbiddenTraits.Count > 0)
        {
            var bad = ProvidersWithAnyTrait(g.ForbiddenTraits);
            forbiddenIds.UnionWith(bad);
            if (filtered.Count > 0)
            {
                filtered.ExceptWith(bad);
                if (filtered.Count == 0) return [];
            }
        }

        List<(int Id, int RootId)> last = [];
        var first = true;
        foreach (var (classId, _, _) in g.Resources)
        {
            last = g.WithResource[classId];
            if (last.Count == 0) return [];
            var ids = last.Select(p => p.Id).ToHashSet();
            if (first)
            {
                first = false;
                if (filtered.Count > 0) filtered.IntersectWith(ids);
                else
                {
                    filtered = ids;
                    filtered.ExceptWith(forbiddenIds);
                }
            }
            else filtered.IntersectWith(ids);
            if (filtered.Count == 0) return [];
        }
        if (g.Resources.Count == 0)
        {
            // A resourceless group: upstream keeps only providers picked by its trait/aggregate filters (none
            // when it has no such filter) and ignores in_tree here.
            if (filtered.Count == 0) return [];
            last = store.ProvidersWithRoot(filtered);
            last = last.Where(p => !forbiddenIds.Contains(p.Id)).ToList();
        }
        return last.Where(p => filtered.Contains(p.Id)).ToList();
    }

    /// <summary>One request per provider, anchored at its own root when root_required allows, and for a sharing
    /// provider also at every other tree it serves. With <paramref name="stopAfter"/> (a lone group under a limit)
    /// only that many providers are turned into requests, so only their trees are read.</summary>
    private List<AllocationRequest> SingleProvider(GroupSearch g, List<(int Id, int RootId)> tuples, int? stopAfter,
        bool randomize)
    {
        if (tuples.Count == 0) return [];
        var sharing = tuples.Select(t => t.Id).Where(_sharingProviders.Contains).ToList();
        var anchorsOf = sharing.Count == 0 ? [] : (store.AnchorsForSharing(sharing))
            .GroupBy(a => a.SharingId).ToDictionary(x => x.Key, x => x.ToList());
        List<(int Id, int RootId, List<(int SharingId, int AnchorId, string AnchorUuid)> Anchors)> usable = [];
        foreach (var (id, rootId) in tuples)
        {
            var others = anchorsOf.TryGetValue(id, out var list)
                ? list.Where(a => a.AnchorId != rootId && InFilteredAnchors(a.AnchorId)).ToList()
                : [];
            if (InFilteredAnchors(rootId) || others.Count > 0) usable.Add((id, rootId, others));
        }
        if (stopAfter is { } n && n < usable.Count)
        {
            if (randomize) Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(usable));
            usable = usable.Take(n).ToList();
        }
        EnsureSummaries(usable.Select(t => t.Id));
        var result = new List<AllocationRequest>();
        foreach (var (id, rootId, others) in usable)
        {
            var provider = _summaries[id];
            var request = new AllocationRequest
            {
                AnchorRootUuid = provider.RootUuid,
                Resources = g.Resources.Select(r => new ResourceRequest(provider, r.ClassName, r.Amount)).ToList(),
                Mappings = new(StringComparer.Ordinal) { [g.Suffix] = new(StringComparer.Ordinal) { provider.Uuid } },
            };
            if (InFilteredAnchors(rootId)) result.Add(request);
            foreach (var anchor in others) result.Add(request.WithAnchor(anchor.AnchorUuid));
        }
        return result;
    }

    /// <summary>The unsuffixed group across trees and sharing providers: upstream get_trees_matching_all.</summary>
    private ProviderCandidates TreesMatchingAll(GroupSearch g)
    {
        HashSet<int> badAggs = [];
        if (g.Group.ForbiddenAggregates.Count > 0) badAggs = ProvidersInAny(g.Group.ForbiddenAggregates);

        var all = new ProviderCandidates();
        foreach (var (classId, _, _) in g.Resources)
        {
            var forClass = new ProviderCandidates();
            var withResource = g.WithResource[classId];
            forClass.Add(withResource, classId);
            if (forClass.IsEmpty) return new ProviderCandidates();

            if (g.ProvidersInAggregates is { } inAggs) _sharing.IntersectWith(inAggs);
            if (_sharing.Count > 0 && g.TreeRootId is null)
            {
                var sharingHere = withResource.Select(p => p.Id).Where(_sharing.Contains).ToHashSet();
                if (sharingHere.Count > 0)
                {
                    var anchors = store.AnchorsForSharing(sharingHere);
                    forClass.Add(anchors.Select(a => (a.SharingId, a.AnchorId)), classId);
                }
            }
            if (_anchorRoots is { } roots)
            {
                forClass.Keep(e => roots.Contains(e.RootId));
                if (forClass.IsEmpty) return new ProviderCandidates();
            }
            if (g.ProvidersInAggregates is { } members)
            {
                // An aggregate on the root spans the whole tree: the provider itself or its (anchor) root must be in it.
                forClass.Keep(e => members.Contains(e.Id) || members.Contains(e.RootId));
                if (forClass.IsEmpty) return new ProviderCandidates();
            }
            if (g.Group.ForbiddenAggregates.Count > 0)
            {
                forClass.Keep(e => !badAggs.Contains(e.Id) && !badAggs.Contains(e.RootId));
                if (forClass.IsEmpty) return new ProviderCandidates();
            }
            all.MergeCommonTrees(forClass);
            if (all.IsEmpty) return all;
        }
        // Upstream pre-filters trees by traits here when no sharing provider exists; the per-combination trait
        // check below gives the same result on its own.
        return all;
    }

    private List<AllocationRequest> MultipleProviders(GroupSearch g, ProviderCandidates nominated)
    {
        if (nominated.IsEmpty) return [];
        if (g.RequiredTraits.Count > 0 && _sharingProviders.Count == 0)
        {
            // upstream's _get_trees_with_traits (only without sharing providers, whose traits count for the trees
            // they serve): a tree whose providers together lack a required trait cannot give a candidate; dropping
            // it first spares its summaries and combinations.
            var fit = new Dictionary<int, bool>();
            nominated.Keep(e =>
            {
                if (!fit.TryGetValue(e.RootId, out var ok))
                {
                    var traits = store.TreeTraitIds(e.RootId);
                    fit[e.RootId] = ok = g.RequiredTraits.All(any => any.Overlaps(traits));
                }
                return ok;
            });
            if (nominated.IsEmpty) return [];
        }
        EnsureSummaries(nominated.AllProviders);
        var amounts = g.Resources.ToDictionary(r => r.ClassId, r => (r.ClassName, r.Amount));

        // root id → class id → the ways to get that class within the tree
        var trees = new Dictionary<int, SortedDictionary<int, List<ResourceRequest>>>();
        foreach (var e in nominated.Entries)
        {
            if (!trees.TryGetValue(e.RootId, out var byClass)) trees[e.RootId] = byClass = [];
            if (!byClass.TryGetValue(e.ClassId, out var list)) byClass[e.ClassId] = list = [];
            var (name, amount) = amounts[e.ClassId];
            list.Add(new ResourceRequest(_summaries[e.Id], name, amount));
        }

        // Per provider, once: does it carry a forbidden trait, and which required any-of sets does it satisfy (a bit
        // each; a combination qualifies when its providers' bits cover every set).
        var required = g.Group.RequiredTraits;
        var forbidden = g.Group.ForbiddenTraits;
        var fits = new Dictionary<int, (bool Forbidden, ulong Satisfies)>();
        (bool Forbidden, ulong Satisfies) Fit(ProviderSummary p)
        {
            if (fits.TryGetValue(p.Id, out var f)) return f;
            ulong bits = 0;
            for (var i = 0; i < required.Count; i++)
                if (p.Traits.Any(required[i].Contains)) bits |= 1UL << i;
            return fits[p.Id] = (forbidden.Count > 0 && p.Traits.Any(forbidden.Contains), bits);
        }
        var all = required.Count >= 64 ? ulong.MaxValue : (1UL << required.Count) - 1;
        if (required.Count > 64) return MultipleProvidersSlow(g, trees);

        var result = new List<AllocationRequest>();
        foreach (var (rootId, byClass) in trees)
        {
            var rootUuid = _summaries[rootId].Uuid;
            // Within a tree each class lists a provider once, so every combination differs from the others: no
            // duplicate to collapse here.
            foreach (var combination in Product(byClass.Values.ToList()))
            {
                ulong covered = 0;
                var refused = false;
                foreach (var r in combination)
                {
                    var (bad, bits) = Fit(r.Provider);
                    if (bad)
                    {
                        refused = true;
                        break;
                    }
                    covered |= bits;
                }
                if (refused || covered != all) continue;
                var mapping = new HashSet<string>(StringComparer.Ordinal);
                foreach (var r in combination) mapping.Add(r.Provider.Uuid);
                result.Add(new AllocationRequest
                {
                    AnchorRootUuid = rootUuid, Resources = [.. combination],
                    Mappings = new(StringComparer.Ordinal) { [g.Suffix] = mapping },
                });
            }
        }
        return result;
    }

    /// <summary>More than 64 any-of trait sets in one group (no real request has them): the plain set check.</summary>
    private List<AllocationRequest> MultipleProvidersSlow(GroupSearch g, Dictionary<int, SortedDictionary<int, List<ResourceRequest>>> trees)
    {
        var result = new List<AllocationRequest>();
        foreach (var (rootId, byClass) in trees)
        {
            var rootUuid = _summaries[rootId].Uuid;
            foreach (var combination in Product(byClass.Values.ToList()))
            {
                if (!SatisfiesTraits(combination, g.Group.RequiredTraits, g.Group.ForbiddenTraits)) continue;
                result.Add(new AllocationRequest
                {
                    AnchorRootUuid = rootUuid, Resources = [.. combination],
                    Mappings = new(StringComparer.Ordinal) { [g.Suffix] = new HashSet<string>(combination.Select(r => r.Provider.Uuid), StringComparer.Ordinal) },
                });
            }
        }
        return result;
    }

    /// <summary>The providers used must collectively have the required traits, and none of them a forbidden one.</summary>
    private static bool SatisfiesTraits(IReadOnlyList<ResourceRequest> combination, List<HashSet<string>> required, HashSet<string> forbidden)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in combination)
        {
            if (forbidden.Count > 0 && r.Provider.Traits.Any(forbidden.Contains)) return false;
            all.UnionWith(r.Provider.Traits);
        }
        return required.All(any => any.Overlaps(all));
    }

    // --- merging groups -------------------------------------------------------------------------------------------

    private (List<AllocationRequest>, List<ProviderSummary>) Merge(List<(string Suffix, List<AllocationRequest> Requests)> candidates,
        RequestWideParams wide)
    {
        if (candidates.Count == 1 && wide.SameSubtrees.Count == 0 && _sharingProviders.Count == 0)
        {
            // One group and no sharing providers: every request is anchored in the tree it uses, comes grouped by
            // tree, has one provider per class (so it already fits) and differs from the others; merging would give
            // back the same list (the common scheduler query; saves a third of the search).
            var only = candidates[0].Requests;
            var used = only.SelectMany(r => r.Resources).Select(r => r.Provider.RootUuid).ToHashSet(StringComparer.Ordinal);
            return (only, _summaries.Values.Where(s => used.Contains(s.RootUuid)).ToList());
        }
        var byAnchor = new Dictionary<string, Dictionary<string, List<AllocationRequest>>>(StringComparer.Ordinal);
        var anchorOrder = new List<string>();
        foreach (var (suffix, requests) in candidates)
            foreach (var request in requests)
            {
                if (!byAnchor.TryGetValue(request.AnchorRootUuid, out var bySuffix))
                {
                    byAnchor[request.AnchorRootUuid] = bySuffix = new(StringComparer.Ordinal);
                    anchorOrder.Add(request.AnchorRootUuid);
                }
                if (!bySuffix.TryGetValue(suffix, out var list)) bySuffix[suffix] = list = [];
                list.Add(request);
            }

        var granular = candidates.Count(c => c.Suffix.Length > 0);
        var merged = new List<AllocationRequest>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var anchor in anchorOrder)
        {
            var bySuffix = byAnchor[anchor];
            if (bySuffix.Count != candidates.Count) continue;
            foreach (var combination in Product(bySuffix.Values.ToList()))
            {
                if (!SatisfiesGroupPolicy(combination, wide.GroupPolicy, granular)) continue;
                if (!SatisfiesSameSubtree(combination, wide.SameSubtrees)) continue;
                var request = Consolidate(combination);
                if (ExceedsCapacity(request)) continue;
                if (seen.Add(request.Key())) merged.Add(request);
            }
        }
        if (merged.Count == 0) return ([], []);
        var treeUuids = merged.SelectMany(r => r.Resources).Select(r => r.Provider.RootUuid).ToHashSet(StringComparer.Ordinal);
        return (merged, _summaries.Values.Where(s => treeUuids.Contains(s.RootUuid)).ToList());
    }

    private static bool SatisfiesGroupPolicy(IReadOnlyList<AllocationRequest> combination, string? policy, int granular)
    {
        if (policy != "isolate") return true;
        var providers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in combination)
            if (r.UseSameProvider) providers.UnionWith(r.Mappings.Values.First());
        return providers.Count == granular;
    }

    private bool SatisfiesSameSubtree(IReadOnlyList<AllocationRequest> combination, List<List<string>> subtrees)
    {
        foreach (var suffixes in subtrees)
        {
            var uuids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in combination)
                foreach (var s in suffixes)
                    if (r.Mappings.TryGetValue(s, out var set)) uuids.UnionWith(set);
            if (uuids.Count <= 1) continue;
            HashSet<string>? common = null;
            foreach (var uuid in uuids)
            {
                var ancestors = Ancestors(uuid);
                if (common is null) common = ancestors;
                else common.IntersectWith(ancestors);
            }
            if (!common!.Overlaps(uuids)) return false;
        }
        return true;
    }

    private HashSet<string> Ancestors(string uuid)
    {
        var result = new HashSet<string>(StringComparer.Ordinal) { uuid };
        var current = uuid;
        while (_parentOf.TryGetValue(current, out var parent) && parent is not null && result.Add(parent)) current = parent;
        return result;
    }

    /// <summary>One request out of one per group: amounts of the same provider and class are summed.</summary>
    private static AllocationRequest Consolidate(IReadOnlyList<AllocationRequest> combination)
    {
        var amounts = new Dictionary<(int, string), ResourceRequest>();
        var order = new List<(int, string)>();
        var mappings = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var request in combination)
        {
            foreach (var r in request.Resources)
            {
                var key = (r.Provider.Id, r.ClassName);
                if (amounts.TryGetValue(key, out var have)) amounts[key] = have with { Amount = have.Amount + r.Amount };
                else
                {
                    amounts[key] = r;
                    order.Add(key);
                }
            }
            foreach (var (suffix, uuids) in request.Mappings)
            {
                if (!mappings.TryGetValue(suffix, out var set)) mappings[suffix] = set = new(StringComparer.Ordinal);
                set.UnionWith(uuids);
            }
        }
        return new AllocationRequest
        {
            AnchorRootUuid = combination[0].AnchorRootUuid, Resources = order.ConvertAll(k => amounts[k]), Mappings = mappings,
        };
    }

    /// <summary>Summed amounts may no longer fit: used + amount over capacity, or amount over max_unit.</summary>
    private static bool ExceedsCapacity(AllocationRequest request)
    {
        foreach (var r in request.Resources)
        {
            var inventory = r.Provider.Resources.Find(x => x.ClassName == r.ClassName);
            if (inventory is null) return true;
            if (inventory.Used + r.Amount > inventory.Capacity || r.Amount > inventory.MaxUnit) return true;
        }
        return false;
    }

    /// <summary>Below 1.29 a candidate may not use two providers of one tree.</summary>
    private (List<AllocationRequest>, List<ProviderSummary>) ExcludeNested(List<AllocationRequest> requests, List<ProviderSummary> summaries, bool nestedAware)
    {
        if (nestedAware || !_hasTrees) return (requests, summaries);
        var kept = new List<AllocationRequest>();
        var used = new HashSet<int>();
        foreach (var request in requests)
        {
            var providers = request.Resources.Select(r => r.Provider).DistinctBy(p => p.Id).ToList();
            if (providers.Count != providers.Select(p => p.RootUuid).Distinct().Count()) continue;
            kept.Add(request);
            used.UnionWith(providers.Select(p => p.Id));
        }
        return (kept, summaries.Where(s => used.Contains(s.Id)).ToList());
    }

    private static CandidateResult Limit(List<AllocationRequest> requests, List<ProviderSummary> summaries, int? limit, bool randomize)
    {
        if (limit is { } n && n < requests.Count)
        {
            if (randomize)
            {
                // random.sample: n distinct candidates in random order.
                requests = [.. requests];
                Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(requests));
                requests = requests.Take(n).ToList();
            }
            else requests = requests.Take(n).ToList();
            var roots = requests.SelectMany(r => r.Resources).Select(r => r.Provider.RootUuid).ToHashSet(StringComparer.Ordinal);
            summaries = summaries.Where(s => roots.Contains(s.RootUuid)).ToList();
        }
        else if (randomize)
        {
            Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(requests));
        }
        return new CandidateResult(requests, summaries);
    }

    // --- data -----------------------------------------------------------------------------------------------------

    private void EnsureSummaries(IEnumerable<int> providerIds)
    {
        var missing = providerIds.Where(id => !_summaries.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0) return;
        foreach (var summary in store.Trees(missing, _classNames))
        {
            if (!_summaries.TryAdd(summary.Id, summary)) continue;
            _parentOf[summary.Uuid] = summary.ParentUuid;
        }
    }

    private HashSet<int> ProvidersWithAllTraits(List<HashSet<int>> required) => AllOf(required, ProvidersWithAnyTrait);

    private HashSet<int> ProvidersWithAnyTrait(IEnumerable<int> traits) => AnyOf(traits, store.ProvidersWithTrait);

    private HashSet<int> ProvidersInAll(List<HashSet<string>> memberOf) => AllOf(memberOf, ProvidersInAny);

    private HashSet<int> ProvidersInAny(IEnumerable<string> aggregates) => AnyOf(aggregates, store.ProvidersInAggregate);

    /// <summary>Providers matching every one of the any-of sets.</summary>
    private static HashSet<int> AllOf<T>(List<HashSet<T>> sets, Func<HashSet<T>, HashSet<int>> anyOf)
    {
        HashSet<int>? result = null;
        foreach (var any in sets)
        {
            var these = anyOf(any);
            if (result is null) result = these;
            else result.IntersectWith(these);
        }
        return result ?? [];
    }

    /// <summary>Providers matching any of the items.</summary>
    private static HashSet<int> AnyOf<T>(IEnumerable<T> items, Func<T, IReadOnlyList<int>> providers)
    {
        var result = new HashSet<int>();
        foreach (var item in items) result.UnionWith(providers(item));
        return result;
    }

    /// <summary>Every way of picking one item from each list (itertools.product), lazily.</summary>
    private static IEnumerable<T[]> Product<T>(List<List<T>> lists)
    {
        if (lists.Count == 0 || lists.Any(l => l.Count == 0)) yield break;
        var index = new int[lists.Count];
        while (true)
        {
            var pick = new T[lists.Count];
            for (var i = 0; i < lists.Count; i++) pick[i] = lists[i][index[i]];
            yield return pick;
            var k = lists.Count - 1;
            while (k >= 0 && ++index[k] == lists[k].Count)
            {
                index[k] = 0;
                k--;
            }
            if (k < 0) yield break;
        }
    }
}
