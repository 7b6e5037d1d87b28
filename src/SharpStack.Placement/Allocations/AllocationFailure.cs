namespace SharpStack.Placement.Allocations;

/// <summary>Why an allocation write was refused inside the store; each endpoint words it its own way
/// (see <see cref="AllocationErrors"/>). Messages are upstream's exception texts.</summary>
public sealed class AllocationFailure(AllocationFailureKind kind, string message) : Exception(message)
{
    public AllocationFailureKind Kind { get; } = kind;

    /// <summary>A provider's generation moved between our read and our write: a plain write is tried again.</summary>
    public bool ProviderMoved { get; private init; }

    public const string ConcurrentData = "Another thread concurrently updated the data. Please retry your update";
    public const string ConcurrentProvider = "Another thread concurrently updated the resource provider data. Please retry your update";

    public static AllocationFailure UnknownClass(string name) => new(AllocationFailureKind.UnknownClass, $"No such resource class {name}.");

    public static AllocationFailure InvalidInventory(string resourceClass, string provider) =>
        new(AllocationFailureKind.InvalidInventory, $"Inventory for '{resourceClass}' on resource provider '{provider}' invalid.");

    public static AllocationFailure CapacityExceeded(string resourceClass, string provider) =>
        new(AllocationFailureKind.InvalidInventory, $"Unable to create allocation for '{resourceClass}' on resource provider '{provider}'. The requested amount would exceed the capacity.");

    public static AllocationFailure ConstraintsViolated(string resourceClass, string provider) =>
        new(AllocationFailureKind.InvalidInventory, $"Unable to create allocation for '{resourceClass}' on resource provider '{provider}'. The requested amount would violate inventory constraints.");

    public static AllocationFailure InventoryInUse(string resourceClasses, string provider) =>
        new(AllocationFailureKind.InventoryInUse, $"Inventory for '{resourceClasses}' on resource provider '{provider}' in use.");

    public static AllocationFailure Concurrent(string message = ConcurrentData) => new(AllocationFailureKind.Concurrent, message);

    public static AllocationFailure Moved() => new(AllocationFailureKind.Concurrent, ConcurrentProvider) { ProviderMoved = true };
}

/// <summary>The families of <see cref="AllocationFailure"/> (upstream's exception classes they mirror).</summary>
public enum AllocationFailureKind
{
    /// <summary>ResourceClassNotFound.</summary>
    UnknownClass,

    /// <summary>InvalidInventory and its capacity/constraint subclasses.</summary>
    InvalidInventory,

    /// <summary>InventoryInUse (reshaper removing a class that still has allocations).</summary>
    InventoryInUse,

    /// <summary>ConcurrentUpdateDetected: a provider or consumer moved under the write.</summary>
    Concurrent,
}
