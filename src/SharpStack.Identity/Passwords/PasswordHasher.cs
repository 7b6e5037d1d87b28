using System.Security.Cryptography;
using System.Text;

namespace SharpStack.Identity.Passwords;

/// <summary>
/// Keystone-compatible password hashing: writes passlib's pbkdf2_sha512 (or bcrypt) and verifies
/// pbkdf2_sha512, bcrypt and sha512_crypt hashes from a Keystone database, applying Keystone's
/// length rules (truncate to max_password_length bytes, 72 with bcrypt, or refuse when strict).
/// </summary>
public sealed class PasswordHasher
{
    public const int DefaultBcryptCost = 12;
    public const int MaxSaltSize = 96;

    public PasswordHasher(PasswordHasherOptions? options = null)
    {
        Options = options ?? new PasswordHasherOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxPasswordLength, 1);
        if (Options.SaltSize is < 0 or > MaxSaltSize)
            throw new ArgumentOutOfRangeException(nameof(options), "SaltSize must be between 0 and 96.");
        if (Options.Algorithm == PasswordHashAlgorithm.Bcrypt && EffectiveRounds is < Bcrypt.MinCost or > Bcrypt.MaxCost)
            throw new ArgumentOutOfRangeException(nameof(options), "bcrypt rounds (cost) must be between 4 and 31.");
        if (EffectiveRounds < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "Rounds must be positive.");
    }

    public PasswordHasherOptions Options { get; }

    /// <summary>Rounds new hashes get (Keystone treats an unset or zero option as "use the default").</summary>
    public int EffectiveRounds => Options.Rounds is > 0 and var r ? r
        : Options.Algorithm == PasswordHashAlgorithm.Bcrypt ? DefaultBcryptCost : Pbkdf2Sha512.DefaultRounds;

    /// <summary>Byte limit applied before hashing and verifying.</summary>
    public int MaxPasswordBytes => Options.Algorithm == PasswordHashAlgorithm.Bcrypt
        ? Math.Min(Options.MaxPasswordLength, Bcrypt.MaxKeyBytes)
        : Options.MaxPasswordLength;

    /// <exception cref="PasswordTooLongException">Strict checking is on and the password is too long.</exception>
    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        byte[] bytes = PreparePassword(password);
        try
        {
            return Options.Algorithm == PasswordHashAlgorithm.Bcrypt
                ? Bcrypt.Hash(bytes, EffectiveRounds)
                : Pbkdf2Sha512.Hash(bytes, EffectiveRounds, Options.SaltSize is > 0 and var s ? s : Pbkdf2Sha512.DefaultSaltSize);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// Checks a password against a stored hash of any supported scheme. Null password or hash is
    /// simply false, as in Keystone.
    /// </summary>
    /// <exception cref="UnsupportedPasswordHashException">scrypt, $2x$ or an unknown scheme.</exception>
    /// <exception cref="FormatException">The hash is malformed.</exception>
    /// <exception cref="PasswordTooLongException">Strict checking is on and the password is too long.</exception>
    public bool Verify(string? password, string? hash)
    {
        if (password is null || hash is null)
            return false;
        var scheme = Identify(hash);
        byte[] bytes = PreparePassword(password);
        try
        {
            return scheme switch
            {
                Scheme.Pbkdf2Sha512 => Pbkdf2Sha512.Verify(bytes, hash),
                Scheme.Bcrypt => Bcrypt.Verify(bytes, hash),
                _ => ShaCrypt.Verify(bytes, hash),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>True when the hash is not what <see cref="Hash"/> would write now (other scheme or rounds).</summary>
    public bool NeedsRehash(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        try
        {
            return Identify(hash) switch
            {
                Scheme.Pbkdf2Sha512 => Options.Algorithm != PasswordHashAlgorithm.Pbkdf2Sha512
                    || Pbkdf2Sha512.GetRounds(hash) != EffectiveRounds,
                Scheme.Bcrypt => Options.Algorithm != PasswordHashAlgorithm.Bcrypt || Bcrypt.GetCost(hash) != EffectiveRounds,
                _ => true,
            };
        }
        catch (Exception e) when (e is FormatException or NotSupportedException)
        {
            return true;
        }
    }

    /// <summary>Keystone's verify_length_and_trunc_password: UTF-8 bytes, truncated (or refused) at the limit.</summary>
    public byte[] PreparePassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        byte[] bytes = Encoding.UTF8.GetBytes(password);
        int max = MaxPasswordBytes;
        if (bytes.Length <= max)
            return bytes;
        if (Options.StrictPasswordCheck)
        {
            CryptographicOperations.ZeroMemory(bytes);
            throw new PasswordTooLongException(max);
        }
        // Byte-wise, like Keystone: the cut may split a multi-byte character.
        byte[] truncated = bytes[..max];
        CryptographicOperations.ZeroMemory(bytes);
        return truncated;
    }

    private enum Scheme
    {
        Pbkdf2Sha512,
        Bcrypt,
        ShaCrypt,
    }

    // Keystone picks the hasher from the ident: everything up to the second '$'.
    private static Scheme Identify(string hash)
    {
        int end = hash.Length > 1 && hash[0] == '$' ? hash.IndexOf('$', 1) : -1;
        string ident = end > 0 ? hash[..(end + 1)] : hash;
        return ident switch
        {
            Pbkdf2Sha512.Ident => Scheme.Pbkdf2Sha512,
            "$2$" or "$2a$" or "$2b$" or "$2y$" or "$2x$" => Scheme.Bcrypt,
            "$6$" or "$5$" => Scheme.ShaCrypt,
            "$scrypt$" or "$7$" => throw new UnsupportedPasswordHashException("scrypt password hashes are not supported."),
            _ => throw new UnsupportedPasswordHashException($"Unsupported password hashing algorithm ident: {(end > 0 ? ident : "(none)")}"),
        };
    }
}
