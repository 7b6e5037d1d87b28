namespace SharpStack.Identity.Storage.Entities;

/// <summary>A revocation event: tokens matching every set field and issued before IssuedBefore are no longer valid.</summary>
public sealed class RevocationEventRow
{
    public long Id { get; set; }
    public string? DomainId { get; set; }
    public string? ProjectId { get; set; }
    public string? UserId { get; set; }
    public string? RoleId { get; set; }
    public string? TrustId { get; set; }
    public string? ConsumerId { get; set; }
    public string? AccessTokenId { get; set; }
    public DateTime IssuedBefore { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime RevokedAt { get; set; }
    public string? AuditId { get; set; }
    public string? AuditChainId { get; set; }
}
