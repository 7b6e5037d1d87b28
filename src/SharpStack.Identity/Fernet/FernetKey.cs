using System.Security.Cryptography;

namespace SharpStack.Identity.Fernet;

/// <summary>One Fernet key: 16 bytes HMAC-SHA256 signing key followed by 16 bytes AES-128 key.</summary>
public sealed class FernetKey
{
    /// <summary>Size of a raw key; its text form is the URL-safe base64 of these 32 bytes.</summary>
    public const int RawLength = 32;

    private readonly byte[] _signingKey;
    private readonly AesPool _aes;

    private FernetKey(string text, ReadOnlySpan<byte> raw)
    {
        Text = text;
        _signingKey = raw[..16].ToArray();
        _aes = new AesPool(raw[16..].ToArray());
    }

    /// <summary>
    /// The key exactly as read from its file (or generated). Kept verbatim because Keystone's
    /// credential key_hash is a SHA-1 of this text, not of the decoded bytes.
    /// </summary>
    public string Text { get; }

    internal ReadOnlySpan<byte> SigningKey => _signingKey;

    internal AesPool Aes => _aes;

    /// <summary>A fresh random key, in the same text form keystone-manage writes.</summary>
    public static FernetKey Generate()
    {
        Span<byte> raw = stackalloc byte[RawLength];
        RandomNumberGenerator.Fill(raw);
        try
        {
            return new FernetKey(UrlSafeBase64.EncodePadded(raw), raw);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// <summary>Parses the URL-safe base64 text of a 32-byte key; surrounding whitespace is tolerated.</summary>
    public static FernetKey Parse(string text) =>
        TryParse(text, out var key) ? key : throw new FormatException("A Fernet key must be 32 URL-safe base64-encoded bytes.");

    /// <summary>Non-throwing <see cref="Parse"/>.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FernetKey? key)
    {
        key = null;
        if (text is null)
            return false;
        // Keystone reads key files verbatim and Python's decoder skips a stray newline; do the same.
        var trimmed = text.AsSpan().Trim();
        Span<byte> raw = stackalloc byte[UrlSafeBase64.MaxDecodedLength(64)];
        // Python's decoder insists on the padding, so a valid key file is always 44 characters.
        if (trimmed.Length != 44 || !UrlSafeBase64.TryDecode(trimmed, raw, out int written) || written != RawLength)
            return false;
        key = new FernetKey(text, raw[..RawLength]);
        CryptographicOperations.ZeroMemory(raw);
        return true;
    }

    public override string ToString() => "FernetKey(****)";
}
