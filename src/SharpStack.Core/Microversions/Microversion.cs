using System.Globalization;

namespace SharpStack.Core.Microversions;

/// <summary>An API microversion "X.Y" (major.minor), ordered numerically (2.10 &gt; 2.9).</summary>
public readonly record struct Microversion(int Major, int Minor) : IComparable<Microversion>
{
    public int CompareTo(Microversion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(Microversion a, Microversion b) => a.CompareTo(b) < 0;
    public static bool operator >(Microversion a, Microversion b) => a.CompareTo(b) > 0;
    public static bool operator <=(Microversion a, Microversion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Microversion a, Microversion b) => a.CompareTo(b) >= 0;

    /// <summary>Parses "2.1" (no leading zeros beyond "0", no sign, no spaces inside), as upstream services accept.</summary>
    public static bool TryParse(string? text, out Microversion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text)) return false;
        var dot = text.IndexOf('.');
        if (dot <= 0 || dot == text.Length - 1) return false;
        if (!IsNumber(text.AsSpan(0, dot)) || !IsNumber(text.AsSpan(dot + 1))) return false;
        version = new Microversion(int.Parse(text.AsSpan(0, dot), CultureInfo.InvariantCulture), int.Parse(text.AsSpan(dot + 1), CultureInfo.InvariantCulture));
        return true;
    }

    public static Microversion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a microversion (expected X.Y)");

    private static bool IsNumber(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || s.Length > 9) return false;
        if (s.Length > 1 && s[0] == '0') return false;
        foreach (var c in s) if (c is < '0' or > '9') return false;
        return true;
    }

    public override string ToString() => $"{Major}.{Minor}";
}
