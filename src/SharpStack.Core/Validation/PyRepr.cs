using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

/// <summary>python repr() of json.loads values: None/True/False, 'quoted' strings, [..], {..} in insertion order.</summary>
internal static class PyRepr
{
    public static string Of(JsonNode? node)
    {
        var sb = new StringBuilder();
        Append(sb, node, sortKeys: false);
        return sb.ToString();
    }

    /// <summary>The single-line form pprint uses: like repr, with dict keys sorted.</summary>
    public static string Sorted(JsonNode? node)
    {
        var sb = new StringBuilder();
        Append(sb, node, sortKeys: true);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, JsonNode? node, bool sortKeys)
    {
        switch (PyValue.Kind(node))
        {
            case PyKind.None: sb.Append("None"); break;
            case PyKind.Bool: sb.Append(PyValue.Bool(node!) ? "True" : "False"); break;
            case PyKind.Int:
            case PyKind.Float: sb.Append(PyValue.Number(node!).Repr()); break;
            case PyKind.Str: AppendStr(sb, PyValue.Str(node!)); break;
            case PyKind.List:
                sb.Append('[');
                var first = true;
                foreach (var item in node!.AsArray())
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    Append(sb, item, sortKeys);
                }
                sb.Append(']');
                break;
            case PyKind.Dict:
                sb.Append('{');
                var firstKey = true;
                foreach (var (key, value) in Items(node!.AsObject(), sortKeys))
                {
                    if (!firstKey) sb.Append(", ");
                    firstKey = false;
                    AppendStr(sb, key);
                    sb.Append(": ");
                    Append(sb, value, sortKeys);
                }
                sb.Append('}');
                break;
        }
    }

    public static IEnumerable<KeyValuePair<string, JsonNode?>> Items(JsonObject obj, bool sortKeys) =>
        sortKeys ? obj.OrderBy(p => p.Key, PyValue.StringComparer) : obj;

    public static string Str(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendStr(sb, s);
        return sb.ToString();
    }

    /// <summary>unicode_repr: prefers single quotes, escapes backslash, quote, \t \n \r, and non-printable code points.</summary>
    public static void AppendStr(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        sb.Append(quote);
        for (var i = 0; i < s.Length;)
        {
            var c = PyValue.CodePointAt(s, ref i);
            if (c == quote || c == '\\') sb.Append('\\').Append((char)c);
            else if (c == '\t') sb.Append("\\t");
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (c < ' ' || c == 0x7f) sb.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
            else if (c < 0x7f) sb.Append((char)c);
            else if (IsPrintable(c)) sb.Append(char.ConvertFromUtf32(c));
            else if (c <= 0xff) sb.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
            else if (c <= 0xffff) sb.Append("\\u").Append(c.ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append("\\U").Append(c.ToString("x8", CultureInfo.InvariantCulture));
        }
        sb.Append(quote);
    }

    /// <summary>str.isprintable for one code point: not Cc/Cf/Cs/Co/Cn/Zl/Zp, and no separator but ' '.</summary>
    public static bool IsPrintable(int c)
    {
        if (c == ' ') return true;
        if (c >= 0xD800 && c <= 0xDFFF) return false;
        if (c >= NewerThanPython[0] && InNewerThanPython(c)) return false;
        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    private static bool InNewerThanPython(int c)
    {
        int lo = 0, hi = NewerThanPython.Length / 2 - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (c < NewerThanPython[2 * mid]) hi = mid - 1;
            else if (c > NewerThanPython[2 * mid + 1]) lo = mid + 1;
            else return true;
        }
        return false;
    }

    // Inclusive ranges unassigned in Unicode 14.0 (python 3.11's unicodedata, so repr escapes them) but assigned in
    // .NET 10's Unicode data, e.g. U+1FAE8 SHAKING FACE. Derived by comparing str.isprintable with CharUnicodeInfo.
    private static readonly int[] NewerThanPython =
    [
        0x897, 0x897, 0xCF3, 0xCF3, 0xECE, 0xECE, 0x1B4E, 0x1B4F, 0x1B7F, 0x1B7F, 0x1C89, 0x1C8A,
        0x2427, 0x2429, 0x2FFC, 0x2FFF, 0x31E4, 0x31E5, 0x31EF, 0x31EF, 0xA7CB, 0xA7CD, 0xA7DA, 0xA7DC,
        0x105C0, 0x105F3, 0x10D40, 0x10D65, 0x10D69, 0x10D85, 0x10D8E, 0x10D8F, 0x10EC2, 0x10EC4, 0x10EFC, 0x10EFF,
        0x1123F, 0x11241, 0x11380, 0x11389, 0x1138B, 0x1138B, 0x1138E, 0x1138E, 0x11390, 0x113B5, 0x113B7, 0x113C0,
        0x113C2, 0x113C2, 0x113C5, 0x113C5, 0x113C7, 0x113CA, 0x113CC, 0x113D5, 0x113D7, 0x113D8, 0x113E1, 0x113E2,
        0x116D0, 0x116E3, 0x11B00, 0x11B09, 0x11BC0, 0x11BE1, 0x11BF0, 0x11BF9, 0x11F00, 0x11F10, 0x11F12, 0x11F3A,
        0x11F3E, 0x11F5A, 0x1342F, 0x1342F, 0x13440, 0x13455, 0x13460, 0x143FA, 0x16100, 0x16139, 0x16D40, 0x16D79,
        0x18CFF, 0x18CFF, 0x1B132, 0x1B132, 0x1B155, 0x1B155, 0x1CC00, 0x1CCF9, 0x1CD00, 0x1CEB3, 0x1D2C0, 0x1D2D3,
        0x1DF25, 0x1DF2A, 0x1E030, 0x1E06D, 0x1E08F, 0x1E08F, 0x1E4D0, 0x1E4F9, 0x1E5D0, 0x1E5FA, 0x1E5FF, 0x1E5FF,
        0x1F6DC, 0x1F6DC, 0x1F774, 0x1F776, 0x1F77B, 0x1F77F, 0x1F7D9, 0x1F7D9, 0x1F8B2, 0x1F8BB, 0x1F8C0, 0x1F8C1,
        0x1FA75, 0x1FA77, 0x1FA87, 0x1FA89, 0x1FA8F, 0x1FA8F, 0x1FAAD, 0x1FAAF, 0x1FABB, 0x1FABF, 0x1FAC6, 0x1FAC6,
        0x1FACE, 0x1FACF, 0x1FADA, 0x1FADC, 0x1FADF, 0x1FADF, 0x1FAE8, 0x1FAE9, 0x1FAF7, 0x1FAF8, 0x1FBCB, 0x1FBEF,
        0x2B739, 0x2B739, 0x2EBF0, 0x2EE5D, 0x31350, 0x323AF,
    ];
}
