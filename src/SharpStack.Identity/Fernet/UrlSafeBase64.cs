using System.Buffers.Text;

namespace SharpStack.Identity.Fernet;

/// <summary>URL-safe base64 helpers shared by the Fernet and token code.</summary>
internal static class UrlSafeBase64
{
    /// <summary>Encodes with '=' padding, as the Fernet spec and Python's urlsafe_b64encode do.</summary>
    public static string EncodePadded(ReadOnlySpan<byte> data)
    {
        int unpadded = Base64Url.GetEncodedLength(data.Length);
        int padded = (unpadded + 3) & ~3;
        return string.Create(padded, data, static (chars, bytes) =>
        {
            int written = Base64Url.EncodeToChars(bytes, chars);
            chars[written..].Fill('=');
        });
    }

    /// <summary>Encodes without padding (Keystone strips it from tokens and audit ids).</summary>
    public static string EncodeUnpadded(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);

    /// <summary>Upper bound of the decoded size of <paramref name="charCount"/> characters.</summary>
    public static int MaxDecodedLength(int charCount) => (charCount / 4 * 3) + 3;

    /// <summary>
    /// Decodes padded or unpadded URL-safe base64. Rejects anything outside the alphabet,
    /// misplaced padding and impossible lengths instead of silently skipping characters.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination, out int written)
    {
        written = 0;
        int end = text.Length;
        // Padding may only close the string, at most two characters, and must complete a quantum.
        int pad = 0;
        while (end > 0 && text[end - 1] == '=' && pad < 3)
        {
            end--;
            pad++;
        }
        if (pad > 0 && (pad > 2 || text.Length % 4 != 0))
            return false;
        var body = text[..end];
        if (body.Length % 4 == 1)
            return false;
        foreach (char c in body)
        {
            if (!IsAlphabet(c))
                return false;
        }
        // The OperationStatus API reports bad input (e.g. non-zero unused trailing bits) without throwing.
        return Base64Url.DecodeFromChars(body, destination, out int consumed, out written) == System.Buffers.OperationStatus.Done
            && consumed == body.Length;
    }

    /// <summary>Decodes into a new array, or returns null when the text is not valid.</summary>
    public static byte[]? TryDecode(ReadOnlySpan<char> text)
    {
        var buffer = new byte[MaxDecodedLength(text.Length)];
        return TryDecode(text, buffer, out int written) ? buffer.AsSpan(0, written).ToArray() : null;
    }

    private static bool IsAlphabet(char c) =>
        (uint)(c - 'A') <= 'Z' - 'A' || (uint)(c - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '-' || c == '_';
}
