namespace SharpStack.Identity.Storage.Entities;

/// <summary>A user's stored credential (ec2, totp, cert, …); the blob is encrypted with the credential keys.</summary>
public sealed class CredentialRow
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public string? ProjectId { get; set; }
    public required string Type { get; set; }
    public required string EncryptedBlob { get; set; }

    /// <summary>Identifies the primary credential key that encrypted the blob (for rotation checks).</summary>
    public required string KeyHash { get; set; }
    public string? Extra { get; set; }
}
