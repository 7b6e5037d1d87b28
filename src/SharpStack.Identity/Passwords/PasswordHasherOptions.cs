namespace SharpStack.Identity.Passwords;

/// <summary>Keystone's [identity] password settings that shape hashing and verification.</summary>
public sealed record PasswordHasherOptions
{
    /// <summary>Keystone's own default is bcrypt; SharpStack writes pbkdf2_sha512 unless told otherwise.</summary>
    public PasswordHashAlgorithm Algorithm { get; init; } = PasswordHashAlgorithm.Pbkdf2Sha512;

    /// <summary>password_hash_rounds; null or 0 means the algorithm default (pbkdf2: 25000, bcrypt cost: 12).</summary>
    public int? Rounds { get; init; }

    /// <summary>salt_bytesize for pbkdf2_sha512 (0-96); null or 0 means 16.</summary>
    public int? SaltSize { get; init; }

    /// <summary>max_password_length in UTF-8 bytes; with bcrypt, 72 at most.</summary>
    public int MaxPasswordLength { get; init; } = 4096;

    /// <summary>strict_password_check: refuse over-long passwords instead of truncating them.</summary>
    public bool StrictPasswordCheck { get; init; }
}
