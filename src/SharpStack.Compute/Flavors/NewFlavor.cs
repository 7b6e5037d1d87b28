namespace SharpStack.Compute.Flavors;

/// <summary>A flavor as POST /flavors asks for it, after validation.</summary>
public sealed record NewFlavor(
    string Name, string? FlavorId, int MemoryMb, int Vcpus, int RootGb, int EphemeralGb, int Swap, double RxtxFactor, bool IsPublic, string? Description);
