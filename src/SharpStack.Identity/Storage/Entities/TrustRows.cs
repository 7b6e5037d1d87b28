namespace SharpStack.Identity.Storage.Entities;

/// <summary>A trust (OS-TRUST): the trustor lets the trustee act with some of their roles on a project.</summary>
public sealed class TrustRow
{
    public required string Id { get; set; }
    public required string TrustorUserId { get; set; }
    public required string TrusteeUserId { get; set; }
    public string? ProjectId { get; set; }
    public bool Impersonation { get; set; }
    public DateTime? DeletedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public int? RemainingUses { get; set; }
    public string? RedelegatedTrustId { get; set; }
    public int? RedelegationCount { get; set; }
    public string? Extra { get; set; }
}

/// <summary>A role delegated by a trust.</summary>
public sealed class TrustRoleRow
{
    public required string TrustId { get; set; }
    public required string RoleId { get; set; }
}
