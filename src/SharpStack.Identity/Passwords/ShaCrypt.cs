using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SharpStack.Identity.Passwords;

/// <summary>
/// Verification of Ulrich Drepper's SHA-crypt ($5$ sha256_crypt, $6$ sha512_crypt), which Keystone
/// still accepts for legacy password hashes. Hashing new passwords with it is deliberately not offered.
/// </summary>
public static class ShaCrypt
{
    private const string Alphabet = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int DefaultRounds = 5000;
    private const int MinRounds = 1000;
    private const int MaxRounds = 999_999_999;
    private const int MaxSaltChars = 16;

    /// <exception cref="FormatException">Malformed hash.</exception>
    public static bool Verify(ReadOnlySpan<byte> password, string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        bool sha512 = hash.StartsWith("$6$", StringComparison.Ordinal);
        if (!sha512 && !hash.StartsWith("$5$", StringComparison.Ordinal))
            throw new FormatException("Not a SHA-crypt hash.");
        var rest = hash.AsSpan(3);
        int rounds = DefaultRounds;
        if (rest.StartsWith("rounds="))
        {
            int end = rest.IndexOf('$');
            if (end < 0 || !int.TryParse(rest[7..end], NumberStyles.None, CultureInfo.InvariantCulture, out rounds))
                throw new FormatException("Malformed SHA-crypt rounds.");
            rounds = Math.Clamp(rounds, MinRounds, MaxRounds);
            rest = rest[(end + 1)..];
        }
        int saltEnd = rest.IndexOf('$');
        if (saltEnd < 0)
            throw new FormatException("Malformed SHA-crypt hash.");
        var salt = Encoding.UTF8.GetBytes(rest[..Math.Min(saltEnd, MaxSaltChars)].ToString());
        string expected = rest[(saltEnd + 1)..].ToString();
        if (expected.Length != (sha512 ? 86 : 43))
            throw new FormatException("Malformed SHA-crypt checksum.");

        string computed = Compute(password, salt, rounds, sha512);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(expected));
    }

    private static string Compute(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int rounds, bool sha512)
    {
        var algorithm = sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        int size = sha512 ? 64 : 32;
        using var h = IncrementalHash.CreateHash(algorithm);
        Span<byte> b = stackalloc byte[size];
        Span<byte> a = stackalloc byte[size];

        h.AppendData(password);
        h.AppendData(salt);
        h.AppendData(password);
        h.GetHashAndReset(b);

        h.AppendData(password);
        h.AppendData(salt);
        AppendRepeated(h, b, password.Length);
        for (int n = password.Length; n > 0; n >>= 1)
            h.AppendData((n & 1) != 0 ? b : password);
        h.GetHashAndReset(a);

        for (int i = 0; i < password.Length; i++)
            h.AppendData(password);
        h.GetHashAndReset(b);
        var p = new byte[password.Length];
        Fill(p, b);

        for (int i = 0; i < 16 + a[0]; i++)
            h.AppendData(salt);
        h.GetHashAndReset(b);
        var s = new byte[salt.Length];
        Fill(s, b);

        // a now plays the role of the running digest C.
        for (int i = 0; i < rounds; i++)
        {
            bool odd = (i & 1) != 0;
            h.AppendData(odd ? p : a);
            if (i % 3 != 0)
                h.AppendData(s);
            if (i % 7 != 0)
                h.AppendData(p);
            h.AppendData(odd ? a : p);
            h.GetHashAndReset(a);
        }
        CryptographicOperations.ZeroMemory(p);
        return sha512 ? Encode512(a) : Encode256(a);
    }

    private static void AppendRepeated(IncrementalHash h, ReadOnlySpan<byte> block, int length)
    {
        for (; length > block.Length; length -= block.Length)
            h.AppendData(block);
        h.AppendData(block[..length]);
    }

    private static void Fill(Span<byte> destination, ReadOnlySpan<byte> block)
    {
        for (int i = 0; i < destination.Length; i += block.Length)
            block[..Math.Min(block.Length, destination.Length - i)].CopyTo(destination[i..]);
    }

    // The digest bytes are emitted in triples whose order rotates; see the SHA-crypt specification.
    private static string Encode512(ReadOnlySpan<byte> c)
    {
        var sb = new StringBuilder(86);
        for (int k = 0; k < 21; k++)
        {
            var (x, y, z) = (k % 3) switch
            {
                0 => (k, k + 21, k + 42),
                1 => (k + 21, k + 42, k),
                _ => (k + 42, k, k + 21),
            };
            Emit(sb, c[x], c[y], c[z], 4);
        }
        Emit(sb, 0, 0, c[63], 2);
        return sb.ToString();
    }

    private static string Encode256(ReadOnlySpan<byte> c)
    {
        var sb = new StringBuilder(43);
        for (int k = 0; k < 10; k++)
        {
            var (x, y, z) = (k % 3) switch
            {
                0 => (k, k + 10, k + 20),
                1 => (k + 20, k, k + 10),
                _ => (k + 10, k + 20, k),
            };
            Emit(sb, c[x], c[y], c[z], 4);
        }
        Emit(sb, 0, c[31], c[30], 3);
        return sb.ToString();
    }

    private static void Emit(StringBuilder sb, byte b2, byte b1, byte b0, int count)
    {
        int w = (b2 << 16) | (b1 << 8) | b0;
        for (int i = 0; i < count; i++, w >>= 6)
            sb.Append(Alphabet[w & 0x3f]);
    }
}
