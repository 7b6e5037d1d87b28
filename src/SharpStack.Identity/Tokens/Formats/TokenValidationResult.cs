namespace SharpStack.Identity.Tokens.Formats;

/// <summary>Why a token was or was not accepted.</summary>
public enum TokenValidationStatus
{
    Valid,

    /// <summary>Not a Fernet token, not signed by a loaded key, or an undecodable payload.</summary>
    Invalid,

    /// <summary>Authentic and well formed, but past its expiry.</summary>
    Expired,

    /// <summary>Authentic, but a payload version this formatter does not know.</summary>
    UnknownVersion,
}

/// <summary>
/// Outcome of <see cref="TokenFormatter"/> validation. <see cref="Payload"/> is set for Valid and
/// Expired tokens (an expired payload is authentic, which is useful for audit and allow_expired).
/// </summary>
public sealed record TokenValidationResult(
    TokenValidationStatus Status,
    TokenPayload? Payload,
    TokenPayloadVersion? Version,
    string? Error)
{
    public bool IsValid => Status == TokenValidationStatus.Valid;

    internal static TokenValidationResult Invalid(string error) => new(TokenValidationStatus.Invalid, null, null, error);
}
