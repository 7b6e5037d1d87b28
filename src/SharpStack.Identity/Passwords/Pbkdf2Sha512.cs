using System.Globalization;
using System.Security.Cryptography;

namespace SharpStack.Identity.Passwords;

/// <summary>passlib's pbkdf2_sha512: <c>$pbkdf2-sha512$ROUNDS$SALT$CHECKSUM</c> with ab64 salt and 64-byte checksum.</summary>
public static class Pbkdf2Sha512
{
    public const string Ident = "$pbkdf2-sha512$";

    /// <summary>passlib 1.7's default, which Keystone uses when password_hash_rounds is unset.</summary>
    public const int DefaultRounds = 25000;

    public const int DefaultSaltSize = 16;

    private const int ChecksumSize = 64;

    public static string Hash(ReadOnlySpan<byte> password, int rounds = DefaultRounds, int saltSize = DefaultSaltSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(saltSize, 0);
        var salt = RandomNumberGenerator.GetBytes(saltSize);
        return Hash(password, rounds, salt);
    }

    internal static string Hash(ReadOnlySpan<byte> password, int rounds, ReadOnlySpan<byte> salt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        Span<byte> checksum = stackalloc byte[ChecksumSize];
        Rfc2898DeriveBytes.Pbkdf2(password, salt, checksum, rounds, HashAlgorithmName.SHA512);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Ident}{rounds}${AdaptedBase64.Encode(salt)}${AdaptedBase64.Encode(checksum)}");
    }

    /// <exception cref="FormatException">Malformed hash.</exception>
    public static bool Verify(ReadOnlySpan<byte> password, string hash)
    {
        var (rounds, salt, expected) = Parse(hash);
        if (rounds > int.MaxValue)
            throw new UnsupportedPasswordHashException("pbkdf2_sha512 rounds above 2^31-1 are not supported.");
        Span<byte> computed = stackalloc byte[ChecksumSize];
        Rfc2898DeriveBytes.Pbkdf2(password, salt, computed, (int)rounds, HashAlgorithmName.SHA512);
        return CryptographicOperations.FixedTimeEquals(computed, expected);
    }

    /// <summary>Rounds recorded in the hash.</summary>
    public static long GetRounds(string hash) => Parse(hash).Rounds;

    private static (long Rounds, byte[] Salt, byte[] Checksum) Parse(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (!hash.StartsWith(Ident, StringComparison.Ordinal))
            throw new FormatException("Not a pbkdf2_sha512 hash.");
        var parts = hash[Ident.Length..].Split('$');
        // passlib rejects zero-padded rounds and anything outside 1..2^32-1.
        if (parts.Length != 3 || parts[0].Length == 0 || parts[0][0] == '0'
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long rounds)
            || rounds > uint.MaxValue)
            throw new FormatException("Malformed pbkdf2_sha512 rounds.");
        var salt = AdaptedBase64.Decode(parts[1]) ?? throw new FormatException("Malformed pbkdf2_sha512 salt.");
        var checksum = AdaptedBase64.Decode(parts[2]);
        if (checksum is null || checksum.Length != ChecksumSize)
            throw new FormatException("Malformed pbkdf2_sha512 checksum.");
        return (rounds, salt, checksum);
    }
}
