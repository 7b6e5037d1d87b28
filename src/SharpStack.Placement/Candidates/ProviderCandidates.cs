namespace SharpStack.Placement.Candidates;

/// <summary>(provider, anchor root, class) triples nominated for the unsuffixed group (upstream RPCandidateList):
/// a provider of a tree, or a sharing provider paired with each tree it can serve.</summary>
public sealed class ProviderCandidates
{
    /// <summary>One nomination: provider <paramref name="Id"/> can give class <paramref name="ClassId"/> to the
    /// tree rooted at <paramref name="RootId"/>.</summary>
    public readonly record struct Entry(int Id, int RootId, int ClassId);

    // Insertion-ordered so that candidates come out in a stable order.
    private List<Entry> _entries = [];
    private HashSet<Entry> _seen = [];

    public IReadOnlyList<Entry> Entries => _entries;

    public bool IsEmpty => _entries.Count == 0;

    public void Add(IEnumerable<(int Id, int RootId)> providers, int classId)
    {
        foreach (var (id, root) in providers)
        {
            var e = new Entry(id, root, classId);
            if (_seen.Add(e)) _entries.Add(e);
        }
    }

    public HashSet<int> Trees => [.. _entries.Select(e => e.RootId)];

    /// <summary>Ids of every provider involved: the nominated ones and the anchor roots.</summary>
    public HashSet<int> AllProviders => [.. _entries.Select(e => e.Id).Concat(_entries.Select(e => e.RootId))];

    /// <summary>Union with <paramref name="other"/>, keeping only trees both lists have (a tree must offer every class).</summary>
    public void MergeCommonTrees(ProviderCandidates other)
    {
        if (IsEmpty)
        {
            (_entries, _seen) = (other._entries, other._seen);
            return;
        }
        if (other.IsEmpty) return;
        var both = Trees;
        both.IntersectWith(other.Trees);
        foreach (var e in other._entries)
            if (_seen.Add(e)) _entries.Add(e);
        Keep(e => both.Contains(e.RootId));
    }

    public void Keep(Func<Entry, bool> predicate)
    {
        _entries = _entries.Where(predicate).ToList();
        _seen = [.. _entries];
    }
}
