namespace SharpStack.Identity.Setup;

/// <summary>What `manage bootstrap` (keystone-manage bootstrap) creates, with its option names' meanings.</summary>
public sealed record BootstrapRequest
{
    public required string Password { get; init; }
    public string Username { get; init; } = "admin";
    public string ProjectName { get; init; } = "admin";
    public string RoleName { get; init; } = "admin";
    public string ServiceName { get; init; } = "keystone";
    public string? RegionId { get; init; }
    public string? AdminUrl { get; init; }
    public string? PublicUrl { get; init; }
    public string? InternalUrl { get; init; }
    public bool ImmutableRoles { get; init; } = true;

    /// <summary>When false, an existing admin user keeps their password (restarts of `up` must not reset it).</summary>
    public bool ResetPassword { get; init; } = true;
}
