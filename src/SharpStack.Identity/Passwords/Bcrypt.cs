using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SharpStack.Identity.Passwords;

/// <summary>
/// bcrypt (Provos and Mazieres' EksBlowfish), producing and checking the modular-crypt strings
/// written by OpenBSD, pyca/bcrypt and passlib: $2b$ / $2a$ / $2y$ (identical here, since the
/// key is capped at 72 bytes) and the original $2$ (no NUL terminator in the key).
/// </summary>
public static class Bcrypt
{
    /// <summary>bcrypt only ever reads this many key bytes.</summary>
    public const int MaxKeyBytes = 72;

    public const int MinCost = 4;
    public const int MaxCost = 31;

    private const int SaltBytes = 16;
    private const int HashBytes = 23;

    // "OrpheanBeholderScryDoubt" as six big-endian words.
    private static ReadOnlySpan<uint> MagicText => [0x4f727068, 0x65616e42, 0x65686f6c, 0x64657253, 0x63727944, 0x6f756274];

    /// <summary>Hashes with a fresh 16-byte salt in the $2b$ format.</summary>
    public static string Hash(ReadOnlySpan<byte> password, int cost)
    {
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        return Hash(password, cost, salt);
    }

    internal static string Hash(ReadOnlySpan<byte> password, int cost, ReadOnlySpan<byte> salt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cost, MinCost);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cost, MaxCost);
        if (password.Contains((byte)0))
            throw new ArgumentException("bcrypt passwords cannot contain NUL bytes.", nameof(password));
        Span<byte> hash = stackalloc byte[HashBytes];
        Compute(password, includeNul: true, cost, salt, hash);
        return $"$2b${cost:D2}${BcryptBase64.Encode(salt)}{BcryptBase64.Encode(hash)}";
    }

    /// <summary>Checks a password against a bcrypt hash in constant time.</summary>
    /// <exception cref="FormatException">The hash is not a well-formed bcrypt string.</exception>
    /// <exception cref="UnsupportedPasswordHashException">$2x$ (crypt_blowfish's sign-extension bug variant).</exception>
    public static bool Verify(ReadOnlySpan<byte> password, string hash)
    {
        var parsed = Parse(hash);
        // passlib refuses NUL bytes outright; such a password can never match.
        if (password.Contains((byte)0))
            return false;
        Span<byte> computed = stackalloc byte[HashBytes];
        Compute(password, parsed.IncludeNul, parsed.Cost, parsed.Salt, computed);
        return CryptographicOperations.FixedTimeEquals(computed, parsed.Checksum);
    }

    /// <summary>The cost (log2 rounds) recorded in a bcrypt hash.</summary>
    public static int GetCost(string hash) => Parse(hash).Cost;

    private readonly record struct ParsedHash(int Cost, bool IncludeNul, byte[] Salt, byte[] Checksum);

    private static ParsedHash Parse(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        // $2b$12$ + 22 salt characters + 31 checksum characters (one fewer with the "$2$" prefix).
        bool original = hash.StartsWith("$2$", StringComparison.Ordinal);
        int prefix = original ? 3 : 4;
        if (!original)
        {
            if (hash.Length < 4 || !hash.StartsWith("$2", StringComparison.Ordinal) || hash[3] != '$')
                throw new FormatException("Not a bcrypt hash.");
            switch (hash[2])
            {
                case 'a' or 'b' or 'y':
                    break;
                case 'x':
                    throw new UnsupportedPasswordHashException("$2x$ bcrypt hashes (crypt_blowfish's buggy variant) are not supported.");
                default:
                    throw new FormatException("Unknown bcrypt variant.");
            }
        }
        if (hash.Length != prefix + 3 + 22 + 31 || hash[prefix + 2] != '$'
            || !char.IsAsciiDigit(hash[prefix]) || !char.IsAsciiDigit(hash[prefix + 1]))
            throw new FormatException("Malformed bcrypt hash.");
        int cost = ((hash[prefix] - '0') * 10) + (hash[prefix + 1] - '0');
        if (cost is < MinCost or > MaxCost)
            throw new FormatException("bcrypt cost must be between 4 and 31.");
        var salt = new byte[SaltBytes];
        var checksum = new byte[HashBytes];
        int start = prefix + 3;
        if (!BcryptBase64.TryDecode(hash.AsSpan(start, 22), salt) || !BcryptBase64.TryDecode(hash.AsSpan(start + 22, 31), checksum))
            throw new FormatException("Malformed bcrypt salt or checksum.");
        return new ParsedHash(cost, !original, salt, checksum);
    }

    private static void Compute(ReadOnlySpan<byte> password, bool includeNul, int cost, ReadOnlySpan<byte> salt, Span<byte> output)
    {
        // The key is the password plus its C string terminator, capped at 72 bytes. An empty key
        // (original $2$ with an empty password) reads as zeros in C, i.e. one NUL byte.
        int keyLength = Math.Min(password.Length + (includeNul ? 1 : 0), MaxKeyBytes);
        Span<byte> key = stackalloc byte[Math.Max(1, keyLength)];
        key.Clear();
        password[..Math.Min(password.Length, keyLength)].CopyTo(key);

        var state = new uint[18 + 1024];
        BlowfishConstants.P.CopyTo(state);
        BlowfishConstants.S.CopyTo(state.AsSpan(18));
        try
        {
            ExpandState(state, salt, key);
            long rounds = 1L << cost;
            for (long i = 0; i < rounds; i++)
            {
                ExpandState(state, default, key);
                ExpandState(state, default, salt);
            }

            Span<uint> text = stackalloc uint[6];
            MagicText.CopyTo(text);
            for (int i = 0; i < 64; i++)
            {
                for (int j = 0; j < 6; j += 2)
                    Encipher(state, ref text[j], ref text[j + 1]);
            }
            Span<byte> bytes = stackalloc byte[24];
            for (int i = 0; i < 6; i++)
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes[(i * 4)..], text[i]);
            bytes[..HashBytes].CopyTo(output);
            CryptographicOperations.ZeroMemory(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(state.AsSpan()));
            CryptographicOperations.ZeroMemory(key);
        }
    }

    // Blowfish key schedule, optionally mixing in salt words ("data") between encryptions.
    // An empty data span is the plain expand0 step used inside the cost loop.
    private static void ExpandState(uint[] state, ReadOnlySpan<byte> data, ReadOnlySpan<byte> key)
    {
        int keyPos = 0;
        for (int i = 0; i < 18; i++)
            state[i] ^= StreamToWord(key, ref keyPos);

        bool mix = !data.IsEmpty;
        int dataPos = 0;
        uint l = 0, r = 0;
        for (int i = 0; i < state.Length; i += 2)
        {
            if (mix)
            {
                l ^= StreamToWord(data, ref dataPos);
                r ^= StreamToWord(data, ref dataPos);
            }
            Encipher(state, ref l, ref r);
            state[i] = l;
            state[i + 1] = r;
        }
    }

    // Next four bytes of data as a big-endian word, cycling through the data.
    private static uint StreamToWord(ReadOnlySpan<byte> data, ref int position)
    {
        uint word = 0;
        for (int i = 0; i < 4; i++)
        {
            if (position >= data.Length)
                position = 0;
            word = (word << 8) | data[position++];
        }
        return word;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Encipher(uint[] state, ref uint left, ref uint right)
    {
        ref uint p = ref MemoryMarshal.GetArrayDataReference(state);
        ref uint s = ref Unsafe.Add(ref p, 18);
        uint xl = left ^ p;
        uint xr = right;
        for (int n = 1; n <= 16; n += 2)
        {
            xr ^= F(ref s, xl) ^ Unsafe.Add(ref p, n);
            xl ^= F(ref s, xr) ^ Unsafe.Add(ref p, n + 1);
        }
        left = xr ^ Unsafe.Add(ref p, 17);
        right = xl;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint F(ref uint s, uint x) =>
        ((Unsafe.Add(ref s, (int)(x >> 24)) + Unsafe.Add(ref s, 256 + (int)((x >> 16) & 0xff)))
            ^ Unsafe.Add(ref s, 512 + (int)((x >> 8) & 0xff))) + Unsafe.Add(ref s, 768 + (int)(x & 0xff));
}
