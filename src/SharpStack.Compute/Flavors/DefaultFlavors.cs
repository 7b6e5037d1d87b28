using Microsoft.EntityFrameworkCore;
using SharpStack.Compute.Storage;

namespace SharpStack.Compute.Flavors;

/// <summary>Upstream's usual flavors (devstack's m1.* set), created at first start when there is no flavor at all.</summary>
public static class DefaultFlavors
{
    private static readonly NewFlavor[] Set =
    [
        new("m1.tiny", "1", 512, 1, 1, 0, 0, 1.0, true, null),
        new("m1.small", "2", 2048, 1, 20, 0, 0, 1.0, true, null),
        new("m1.medium", "3", 4096, 2, 40, 0, 0, 1.0, true, null),
        new("m1.large", "4", 8192, 4, 80, 0, 0, 1.0, true, null),
        new("m1.xlarge", "5", 16384, 8, 160, 0, 0, 1.0, true, null),
    ];

    public static async Task EnsureAsync(ComputeApiDb db, FlavorManager flavors, CancellationToken ct)
    {
        if (await db.Flavors.AnyAsync(ct)) return;
        foreach (var f in Set) await flavors.CreateAsync(f, ct);
    }
}
