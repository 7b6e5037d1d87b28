using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Http;
using SharpStack.Placement.Storage;

namespace SharpStack.Placement.Candidates;

/// <summary>Allocation-candidates answers kept per microversion and query string while the placement revision (bumped
/// by database triggers on any change to providers, inventories, allocations, traits, classes or aggregates) stays
/// the same: schedulers ask the same question many times between claims. Not used when answers are randomized.</summary>
public sealed class CandidateCache : RevisionCache
{
    public static string Key(string version, string? query) => version + "\n" + query;

    /// <summary>The current placement revision (one key lookup).</summary>
    public static Task<long> RevisionAsync(PlacementDb db, CancellationToken ct) =>
        db.Revision.AsNoTracking().Where(r => r.Id == 1).Select(r => r.Value).FirstAsync(ct);
}
