using SharpStack.Core.Errors;
using SharpStack.Placement.Api.Http;

namespace SharpStack.Placement.Allocations;

/// <summary>How PUT /allocations/{c} and POST /allocations word a refused write (handlers/allocation.py).</summary>
public static class AllocationErrors
{
    public static ApiException ForPut(AllocationFailure f, string consumerUuid) => f.Kind == AllocationFailureKind.UnknownClass
        ? PlacementErrors.BadRequest($"Unable to allocate inventory for consumer {consumerUuid}: {f.Message}")
        : Common(f);

    public static ApiException ForPost(AllocationFailure f) => f.Kind == AllocationFailureKind.UnknownClass
        ? PlacementErrors.BadRequest($"Unable to allocate inventory {f.Message}")
        : Common(f);

    private static ApiException Common(AllocationFailure f) => f.Kind == AllocationFailureKind.Concurrent
        ? PlacementErrors.Concurrent($"Inventory and/or allocations changed while attempting to allocate: {f.Message}")
        : PlacementErrors.Conflict($"Unable to allocate inventory: {f.Message}");

    /// <summary>400 for a provider named in allocations that does not exist.</summary>
    public static ApiException MissingProvider(string uuid) =>
        PlacementErrors.BadRequest($"Allocation for resource provider '{uuid}' that does not exist.");
}
