namespace SharpStack.Identity.Passwords;

/// <summary>bcrypt's base64: alphabet "./A-Za-z0-9", no padding, bits in standard base64 order.</summary>
internal static class BcryptBase64
{
    private const string Alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 5) / 6];
        int bits = 0, buffer = 0, n = 0;
        foreach (byte b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 6)
            {
                bits -= 6;
                chars[n++] = Alphabet[(buffer >> bits) & 0x3f];
            }
        }
        if (bits > 0)
            chars[n++] = Alphabet[(buffer << (6 - bits)) & 0x3f];
        return new string(chars, 0, n);
    }

    /// <summary>Decodes exactly <c>destination.Length</c> bytes; unused trailing bits are ignored, as in OpenBSD.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, Span<byte> destination)
    {
        if (text.Length != (destination.Length * 8 + 5) / 6)
            return false;
        int bits = 0, buffer = 0, n = 0;
        foreach (char c in text)
        {
            int value = Alphabet.IndexOf(c);
            if (value < 0)
                return false;
            buffer = ((buffer << 6) | value) & 0xffffff;
            bits += 6;
            if (bits >= 8 && n < destination.Length)
            {
                bits -= 8;
                destination[n++] = (byte)(buffer >> bits);
            }
        }
        return n == destination.Length;
    }
}
