using System.Collections.Concurrent;

namespace SharpStack.Identity.Common;

/// <summary>A read-through cache whose entries are valid only for the identity revision they were read at, so a
/// committed write anywhere invalidates them all at once. The revision is taken before the read, so a write that
/// races with the read leaves the entry already stale rather than wrongly fresh.</summary>
public sealed class RevisionCache<TKey, TValue>(IdentityRevision revision, int capacity = 100_000) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (long Revision, TValue Value)> _entries = new();

    public async ValueTask<TValue> GetOrLoadAsync(TKey key, Func<TKey, CancellationToken, Task<TValue>> load, CancellationToken ct)
    {
        var current = revision.Current;
        if (_entries.TryGetValue(key, out var entry) && entry.Revision == current) return entry.Value;
        var value = await load(key, ct);
        if (_entries.Count >= capacity) _entries.Clear();
        _entries[key] = (current, value);
        return value;
    }
}
