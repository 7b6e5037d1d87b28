namespace SharpStack.Identity.Tokens.Formats;

/// <summary>
/// Everything a Keystone Fernet token carries. Which optional fields are set decides the payload
/// version (see <see cref="TokenFormatter.SelectVersion"/>).
/// </summary>
public sealed record TokenPayload
{
    public required string UserId { get; init; }

    /// <summary>Auth method names; decoded in Keystone's order (highest bit first).</summary>
    public required IReadOnlyList<string> Methods { get; init; }

    public string? ProjectId { get; init; }

    public string? DomainId { get; init; }

    /// <summary>"all" for system-scoped tokens.</summary>
    public string? System { get; init; }

    public string? TrustId { get; init; }

    /// <summary>Group ids from the federated assertion; set (possibly empty) on federated tokens.</summary>
    public IReadOnlyList<string>? FederatedGroupIds { get; init; }

    /// <summary>Identity provider id; a non-null value makes the token federated.</summary>
    public string? IdpId { get; init; }

    public string? ProtocolId { get; init; }

    /// <summary>OAuth1 access token id; makes the token OAuth-scoped.</summary>
    public string? AccessTokenId { get; init; }

    public string? AppCredId { get; init; }

    /// <summary>
    /// Expiry with microsecond precision, as packed. Keystone itself reports and enforces it
    /// truncated to the whole second, and so does <see cref="TokenFormatter.Validate(string)"/>.
    /// </summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The Fernet timestamp (whole seconds); on creation, default means "now".</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>URL-safe base64 (unpadded) audit ids: this token's first, then its parent chain's.</summary>
    public required IReadOnlyList<string> AuditIds { get; init; }

    /// <summary>A new audit id as Keystone makes them: 16 random bytes, URL-safe base64, unpadded.</summary>
    public static string NewAuditId()
    {
        Span<byte> raw = stackalloc byte[16];
        global::System.Security.Cryptography.RandomNumberGenerator.Fill(raw);
        return global::System.Buffers.Text.Base64Url.EncodeToString(raw);
    }
}
