using Microsoft.Extensions.Caching.Memory;
using SharpStack.Core.Auth;

namespace SharpStack.Image.Images;

/// <summary>Image list answers kept per caller and query, each tagged with the image revision it was made at
/// (<see cref="ImageLister.RevisionAsync"/>): any change to an image, its properties, tags, locations or members
/// bumps the revision in the database, so an answer is reused only while nothing it could show has changed —
/// in this process or any other sharing the database.</summary>
public sealed class ImageListCache : IDisposable
{
    // Bounded by the bytes kept; an answer unused for a while goes.
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = 16 * 1024 * 1024 });
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(5);

    private sealed record Entry(long Revision, byte[] Body);

    /// <summary>Everything an answer depends on besides the data: who asks (all a policy rule may look at), the
    /// policy rules in force, and the query string.</summary>
    public static string Key(AuthContext auth, long policyGeneration, string? query) =>
        string.Join('\n', policyGeneration, auth.UserId, auth.UserDomainId, auth.ProjectId, auth.ProjectDomainId, auth.DomainId,
            auth.SystemScope, auth.IsAdminProject, string.Join(',', auth.Roles.Order(StringComparer.Ordinal)), query);

    public byte[]? Find(string key, long revision) =>
        _answers.TryGetValue(key, out Entry? entry) && entry!.Revision == revision ? entry.Body : null;

    public void Keep(string key, long revision, byte[] body)
    {
        // A slower request may finish after a newer one: never replace a newer answer with an older one.
        if (_answers.TryGetValue(key, out Entry? current) && current!.Revision > revision) return;
        _answers.Set(key, new Entry(revision, body), new MemoryCacheEntryOptions { Size = body.Length + key.Length * 2, SlidingExpiration = Idle });
    }

    public void Dispose() => _answers.Dispose();
}
