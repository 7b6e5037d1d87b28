using SharpStack.Core.Configuration;
using SharpStack.Placement.Configuration;

namespace SharpStack.Placement.Allocations;

/// <summary>The [placement] options allocation writes follow: who owns consumers written before 1.8, and how often a
/// write that lost a race on a provider generation is tried again.</summary>
public sealed record AllocationSettings(string IncompleteProjectId, string IncompleteUserId, int ConflictRetryCount)
{
    public static AllocationSettings From(SharpStackConfig config) => new(
        config.Get(PlacementOptions.IncompleteConsumerProjectId),
        config.Get(PlacementOptions.IncompleteConsumerUserId),
        config.Get(PlacementOptions.AllocationConflictRetryCount));
}
