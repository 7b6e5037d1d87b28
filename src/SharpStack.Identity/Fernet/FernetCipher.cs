using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace SharpStack.Identity.Fernet;

/// <summary>
/// Fernet (https://github.com/fernet/spec) over an ordered key list with MultiFernet semantics:
/// encrypt with the first (primary) key, decrypt with whichever key authenticates the token.
/// Instances are immutable and safe to share between threads.
/// </summary>
public sealed class FernetCipher
{
    /// <summary>Spec version byte.</summary>
    public const byte Version = 0x80;

    /// <summary>Tokens stamped further ahead than this are refused when a TTL is enforced (as in pyca/cryptography).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(60);

    private const int HeaderLength = 1 + 8 + 16;
    private const int MacLength = 32;
    private const int MinTokenLength = HeaderLength + 16 + MacLength;
    private const int StackLimit = 1024;

    // Refuse absurd input before decoding it; a Keystone token is ~200 characters.
    private const int MaxTokenChars = 1 << 20;

    private readonly FernetKey[] _keys;

    public FernetCipher(IEnumerable<FernetKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [.. keys];
        if (_keys.Length == 0)
            throw new ArgumentException("At least one Fernet key is required.", nameof(keys));
    }

    public FernetCipher(params FernetKey[] keys)
        : this((IEnumerable<FernetKey>)keys)
    {
    }

    /// <summary>All keys, primary first.</summary>
    public IReadOnlyList<FernetKey> Keys => _keys;

    /// <summary>The key new tokens are encrypted with.</summary>
    public FernetKey PrimaryKey => _keys[0];

    /// <summary>Encrypts with the primary key, stamping <paramref name="now"/> (default: current UTC time).</summary>
    /// <param name="padded">False strips the trailing '=' (Keystone tokens are sent unpadded).</param>
    public string Encrypt(ReadOnlySpan<byte> plaintext, DateTimeOffset? now = null, bool padded = true)
    {
        Span<byte> iv = stackalloc byte[16];
        RandomNumberGenerator.Fill(iv);
        long timestamp = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        return EncryptCore(plaintext, timestamp, iv, padded);
    }

    /// <summary>Deterministic encryption for spec test vectors.</summary>
    internal string EncryptCore(ReadOnlySpan<byte> plaintext, long timestamp, ReadOnlySpan<byte> iv, bool padded)
    {
        var key = _keys[0];
        int cipherLength = (plaintext.Length / 16 + 1) * 16;
        int total = HeaderLength + cipherLength + MacLength;
        byte[]? rented = null;
        Span<byte> token = total <= StackLimit ? stackalloc byte[total] : (rented = ArrayPool<byte>.Shared.Rent(total));
        token = token[..total];
        try
        {
            token[0] = Version;
            BinaryPrimitives.WriteUInt64BigEndian(token.Slice(1, 8), (ulong)timestamp);
            iv.CopyTo(token.Slice(9, 16));
            var aes = key.Aes.Rent();
            try
            {
                aes.EncryptCbc(plaintext, iv, token.Slice(HeaderLength, cipherLength), PaddingMode.PKCS7);
            }
            finally
            {
                key.Aes.Return(aes);
            }
            HMACSHA256.HashData(key.SigningKey, token[..^MacLength], token[^MacLength..]);
            return padded ? UrlSafeBase64.EncodePadded(token) : UrlSafeBase64.EncodeUnpadded(token);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>Decrypts or throws <see cref="FernetException"/>; <paramref name="ttl"/> null means no age limit.</summary>
    public byte[] Decrypt(string token, TimeSpan? ttl = null)
    {
        var status = TryDecrypt(token, out var plaintext, out _, ttl);
        return status == FernetStatus.Valid ? plaintext! : throw new FernetException(status);
    }

    /// <summary>Decrypts into a new array. Never throws for bad input.</summary>
    public FernetStatus TryDecrypt(ReadOnlySpan<char> token, out byte[]? plaintext, out long timestamp,
        TimeSpan? ttl = null, DateTimeOffset? now = null)
    {
        plaintext = null;
        byte[]? rented = null;
        int max = GetMaxPlaintextLength(token.Length);
        Span<byte> buffer = max <= StackLimit ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var status = TryDecrypt(token, buffer, out int written, out timestamp, ttl, now);
            if (status == FernetStatus.Valid)
                plaintext = buffer[..written].ToArray();
            return status;
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>
    /// Allocation-free decryption into <paramref name="destination"/> (size it with
    /// <see cref="GetMaxPlaintextLength"/>). Never throws for bad input.
    /// </summary>
    public FernetStatus TryDecrypt(ReadOnlySpan<char> token, Span<byte> destination, out int written, out long timestamp,
        TimeSpan? ttl = null, DateTimeOffset? now = null)
    {
        written = 0;
        timestamp = 0;
        if (token.Length < 4 || token.Length > MaxTokenChars)
            return FernetStatus.Malformed;

        int max = UrlSafeBase64.MaxDecodedLength(token.Length);
        byte[]? rented = null;
        Span<byte> data = max <= StackLimit ? stackalloc byte[max] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            if (!UrlSafeBase64.TryDecode(token, data, out int length))
                return FernetStatus.Malformed;
            data = data[..length];
            if (length < MinTokenLength || (length - HeaderLength - MacLength) % 16 != 0 || data[0] != Version)
                return FernetStatus.Malformed;

            timestamp = (long)BinaryPrimitives.ReadUInt64BigEndian(data.Slice(1, 8));
            var key = FindSigningKey(data);
            if (key is null)
                return FernetStatus.InvalidSignature;

            if (ttl is { } maxAge)
            {
                long current = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
                // Compare in the timestamp's own domain; a huge forged timestamp must not overflow.
                if ((ulong)timestamp > (ulong)long.MaxValue / 2)
                    return FernetStatus.NotYetValid;
                if (timestamp + (long)maxAge.TotalSeconds < current)
                    return FernetStatus.Expired;
                if (current + (long)MaxClockSkew.TotalSeconds < timestamp)
                    return FernetStatus.NotYetValid;
            }

            return DecryptPayload(key, data.Slice(9, 16), data[HeaderLength..^MacLength], destination, out written);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>Largest plaintext a token of this many characters can carry.</summary>
    public static int GetMaxPlaintextLength(int tokenLength) =>
        Math.Max(0, UrlSafeBase64.MaxDecodedLength(tokenLength) - HeaderLength - MacLength);

    /// <summary>Reads the (unauthenticated) creation timestamp, as Keystone's creation_time does.</summary>
    public static bool TryReadTimestamp(ReadOnlySpan<char> token, out DateTimeOffset issuedAt)
    {
        issuedAt = default;
        Span<byte> head = stackalloc byte[12];
        // The first 12 characters decode to the first 9 bytes: version plus timestamp.
        if (token.Length < 12 || !UrlSafeBase64.TryDecode(token[..12], head, out _) || head[0] != Version)
            return false;
        long seconds = (long)BinaryPrimitives.ReadUInt64BigEndian(head.Slice(1, 8));
        if (seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return false;
        issuedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    private FernetKey? FindSigningKey(ReadOnlySpan<byte> data)
    {
        Span<byte> mac = stackalloc byte[MacLength];
        var signed = data[..^MacLength];
        var expected = data[^MacLength..];
        foreach (var key in _keys)
        {
            HMACSHA256.HashData(key.SigningKey, signed, mac);
            if (CryptographicOperations.FixedTimeEquals(mac, expected))
                return key;
        }
        return null;
    }

    private static FernetStatus DecryptPayload(FernetKey key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> ciphertext,
        Span<byte> destination, out int written)
    {
        written = 0;
        var aes = key.Aes.Rent();
        try
        {
            // Padding can only be wrong if someone holding the signing key produced it.
            if (destination.Length >= ciphertext.Length)
            {
                written = aes.DecryptCbc(ciphertext, iv, destination, PaddingMode.PKCS7);
                return FernetStatus.Valid;
            }
            return aes.TryDecryptCbc(ciphertext, iv, destination, out written, PaddingMode.PKCS7)
                ? FernetStatus.Valid
                : FernetStatus.DestinationTooSmall;
        }
        catch (CryptographicException)
        {
            return FernetStatus.Malformed;
        }
        finally
        {
            key.Aes.Return(aes);
        }
    }
}
