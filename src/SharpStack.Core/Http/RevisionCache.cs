using Microsoft.Extensions.Caching.Memory;

namespace SharpStack.Core.Http;

/// <summary>Serialized answers kept per key, each tagged with the data revision it was made at: an answer is reused
/// only while the revision (a database counter that triggers bump on every change the answer could show) is the
/// same, so it is never stale, in this process or any other sharing the database. Bounded by the bytes kept; an
/// answer unused for a while goes.</summary>
public class RevisionCache(long maxBytes = 16 * 1024 * 1024) : IDisposable
{
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = maxBytes });
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);

    private sealed record Entry(long Revision, byte[] Body);

    public byte[]? Find(string key, long revision) =>
        _answers.TryGetValue(key, out Entry? entry) && entry!.Revision == revision ? entry.Body : null;

    public void Keep(string key, long revision, byte[] body)
    {
        // A slower request may finish after a newer one: never replace a newer answer with an older one.
        if (_answers.TryGetValue(key, out Entry? current) && current!.Revision > revision) return;
        _answers.Set(key, new Entry(revision, body), new MemoryCacheEntryOptions { Size = body.Length + key.Length * 2, SlidingExpiration = Idle });
    }

    public void Dispose()
    {
        _answers.Dispose();
        GC.SuppressFinalize(this);
    }
}
