namespace SharpStack.Compute.Flavors;

/// <summary>Who asks about flavors: an admin (Nova's context.is_admin) sees every flavor, anyone else the public ones
/// and the private ones their project was given.</summary>
public sealed record FlavorCaller(bool IsAdmin, string? ProjectId);
