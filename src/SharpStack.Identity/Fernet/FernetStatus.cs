namespace SharpStack.Identity.Fernet;

/// <summary>Outcome of a Fernet decryption attempt.</summary>
public enum FernetStatus
{
    /// <summary>Authentic token; the plaintext was produced.</summary>
    Valid,

    /// <summary>Not base64, wrong version byte, impossible length, or bad padding.</summary>
    Malformed,

    /// <summary>Well formed, but no loaded key produced a matching HMAC (tampered or foreign key).</summary>
    InvalidSignature,

    /// <summary>Authentic but older than the requested TTL.</summary>
    Expired,

    /// <summary>Authentic but timestamped more than the allowed clock skew in the future.</summary>
    NotYetValid,

    /// <summary>The destination buffer is smaller than the plaintext.</summary>
    DestinationTooSmall,
}
