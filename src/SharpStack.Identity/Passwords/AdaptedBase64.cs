namespace SharpStack.Identity.Passwords;

/// <summary>passlib's "ab64": standard base64 with '.' in place of '+' and no padding.</summary>
internal static class AdaptedBase64
{
    public static string Encode(ReadOnlySpan<byte> data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '.');

    /// <summary>Decodes ab64 (accepting '+' as well, like passlib), or returns null.</summary>
    public static byte[]? Decode(ReadOnlySpan<char> text)
    {
        if (text.Length % 4 == 1)
            return null;
        var chars = new char[(text.Length + 3) & ~3];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '.')
                c = '+';
            else if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/'))
                return null;
            chars[i] = c;
        }
        chars.AsSpan(text.Length).Fill('=');
        var bytes = new byte[chars.Length / 4 * 3];
        return Convert.TryFromBase64Chars(chars, bytes, out int written) ? bytes[..written] : null;
    }
}
