namespace SharpStack.Compute.Storage.Entities;

/// <summary>A user's public key (Nova's api database table key_pairs), named per user.</summary>
public sealed class KeyPairRow
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string UserId { get; set; } = "";
    public string Fingerprint { get; set; } = "";
    public string PublicKey { get; set; } = "";
    public string Type { get; set; } = "ssh";
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
}
