using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace SharpStack.Core.Policy;

/// <summary>
/// The policy language compares strings the way Python's <c>str()</c> renders values
/// (<c>None</c>, <c>True</c>, <c>False</c>, <c>1.0</c>, ...). This class reproduces that rendering for the
/// CLR values that can appear in credentials and targets, and evaluates the literal forms that
/// oslo.policy accepts on the left-hand side of a generic check (<c>True:%(user.enabled)s</c>).
/// </summary>
internal static class PythonValues
{
    public const string None = "None";
    public const string True = "True";
    public const string False = "False";

    /// <summary>Python <c>str(value)</c> for scalars and a <c>repr</c>-like rendering for containers.</summary>
    public static string Str(object? value) => value switch
    {
        null => None,
        string s => s,
        bool b => b ? True : False,
        JsonElement e => JsonStr(e),
        _ => StrSlow(value),
    };

    /// <summary><c>expected == str(value)</c> without allocating for the common value types.</summary>
    public static bool StrEquals(string expected, object? value)
    {
        switch (value)
        {
            case null: return expected == None;
            case string s: return string.Equals(expected, s, StringComparison.Ordinal);
            case bool b: return expected == (b ? True : False);
            case int i: return FormattedEquals(expected, i);
            case long l: return FormattedEquals(expected, l);
            case JsonElement e when e.ValueKind == JsonValueKind.String: return e.ValueEquals(expected);
            case JsonElement e when e.ValueKind == JsonValueKind.True: return expected == True;
            case JsonElement e when e.ValueKind == JsonValueKind.False: return expected == False;
            case JsonElement e when e.ValueKind == JsonValueKind.Null: return expected == None;
            default: return string.Equals(expected, Str(value), StringComparison.Ordinal);
        }
    }

    private static bool FormattedEquals<T>(string expected, T value) where T : ISpanFormattable
    {
        Span<char> buffer = stackalloc char[24];
        return value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture)
            && buffer[..written].SequenceEqual(expected);
    }

    private static string StrSlow(object value)
    {
        switch (value)
        {
            case double d: return FloatRepr(d);
            case float f: return FloatRepr(f);
            case decimal m: return m.ToString(CultureInfo.InvariantCulture);
            case BigInteger bi: return bi.ToString(CultureInfo.InvariantCulture);
            case Enum en: return en.ToString();
            case IFormattable fmt: return fmt.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable seq:
                var sb = new StringBuilder();
                AppendRepr(sb, seq);
                return sb.ToString();
            default: return value.ToString() ?? None;
        }
    }

    private static string JsonStr(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Null or JsonValueKind.Undefined => None,
        JsonValueKind.Number => JsonNumberStr(e),
        _ => ReprToString(e),
    };

    private static string JsonNumberStr(JsonElement e)
    {
        var raw = e.GetRawText();
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            return BigInteger.Parse(raw, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
        return FloatRepr(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static string ReprToString(object? value)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, value);
        return sb.ToString();
    }

    /// <summary>Approximates Python's <c>repr()</c>, used when a container is rendered with str().</summary>
    private static void AppendRepr(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case string s:
                AppendStringRepr(sb, s);
                return;
            case JsonElement { ValueKind: JsonValueKind.String } js:
                AppendStringRepr(sb, js.GetString()!);
                return;
            case JsonElement { ValueKind: JsonValueKind.Object } jo:
                sb.Append('{');
                var firstProp = true;
                foreach (var p in jo.EnumerateObject())
                {
                    if (!firstProp) sb.Append(", ");
                    firstProp = false;
                    AppendStringRepr(sb, p.Name);
                    sb.Append(": ");
                    AppendRepr(sb, p.Value);
                }
                sb.Append('}');
                return;
            case JsonElement { ValueKind: JsonValueKind.Array } ja:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in ja.EnumerateArray())
                {
                    if (!firstItem) sb.Append(", ");
                    firstItem = false;
                    AppendRepr(sb, item);
                }
                sb.Append(']');
                return;
            case IDictionary dict:
                sb.Append('{');
                var first = true;
                foreach (DictionaryEntry entry in dict)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    AppendRepr(sb, entry.Key);
                    sb.Append(": ");
                    AppendRepr(sb, entry.Value);
                }
                sb.Append('}');
                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                sb.Append('{');
                var firstPair = true;
                foreach (var pair in pairs)
                {
                    if (!firstPair) sb.Append(", ");
                    firstPair = false;
                    AppendStringRepr(sb, pair.Key);
                    sb.Append(": ");
                    AppendRepr(sb, pair.Value);
                }
                sb.Append('}');
                return;
            case IEnumerable seq:
                sb.Append('[');
                var firstElement = true;
                foreach (var item in seq)
                {
                    if (!firstElement) sb.Append(", ");
                    firstElement = false;
                    AppendRepr(sb, item);
                }
                sb.Append(']');
                return;
            default:
                sb.Append(Str(value));
                return;
        }
    }

    private static void AppendStringRepr(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote) sb.Append('\\');
                    sb.Append(c);
                    break;
            }
        }
        sb.Append(quote);
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, exponent form outside 1e-4..1e16.</summary>
    public static string FloatRepr(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsPositiveInfinity(d)) return "inf";
        if (double.IsNegativeInfinity(d)) return "-inf";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";

        // "R" yields the shortest round-trippable form, e.g. "1.5E+16", "0.0001", "123.25".
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        var body = negative ? shortest[1..] : shortest;

        // Split into digit string and decimal exponent: value = 0.DIGITS * 10^decpt.
        string mantissa = body;
        var exp = 0;
        var ePos = body.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            mantissa = body[..ePos];
            exp = int.Parse(body[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        var dot = mantissa.IndexOf('.');
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        var decpt = intPart.Length + exp - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (decpt > -4 && decpt <= 16)
        {
            if (decpt <= 0)
            {
                sb.Append("0.").Append('0', -decpt).Append(digits);
            }
            else if (decpt >= digits.Length)
            {
                sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
            }
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            var e = decpt - 1;
            sb.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString("00", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Mirrors oslo.policy's <c>ast.literal_eval(kind)</c> for the forms that can appear as the kind of a
    /// generic check. Returns true with <paramref name="text"/> set to <c>str(literal)</c> when the kind is a
    /// literal; false when it is a credential path. Throws <see cref="FormatException"/> for forms Python
    /// would reject with a SyntaxError (oslo raises at enforcement time; we refuse them when parsing).
    /// </summary>
    public static bool TryEvaluateLiteral(string kind, out string text)
    {
        text = "";
        if (kind.Length == 0)
        {
            throw new FormatException("the part before ':' is empty");
        }
        switch (kind)
        {
            case "True": text = True; return true;
            case "False": text = False; return true;
            case "None": text = None; return true;
        }

        var c0 = kind[0];
        if (c0 is '\'' or '"' || (kind.Length > 1 && c0 is 'u' or 'U' or 'r' or 'R' && kind[1] is '\'' or '"'))
        {
            text = ParseStringLiteral(kind);
            return true;
        }
        if (c0 is '[' or '{')
        {
            throw new FormatException($"container literal '{kind}' is not supported as a check kind");
        }
        if (kind.Length > 1 && c0 is 'b' or 'B' or 'f' or 'F' && kind[1] is '\'' or '"')
        {
            throw new FormatException($"literal '{kind}' is not supported as a check kind");
        }

        var span = kind.AsSpan();
        var sign = "";
        if (span[0] is '+' or '-')
        {
            if (span.Length == 1 || !(char.IsAsciiDigit(span[1]) || (span[1] == '.' && span.Length > 2 && char.IsAsciiDigit(span[2]))))
            {
                return false; // e.g. "-x": Python sees a unary op on a name -> not a literal.
            }
            sign = span[0] == '-' ? "-" : "";
            span = span[1..];
        }
        if (!(char.IsAsciiDigit(span[0]) || (span[0] == '.' && span.Length > 1 && char.IsAsciiDigit(span[1]))))
        {
            return false;
        }
        text = ParseNumber(span, sign.Length > 0, kind);
        return true;
    }

    private static string ParseStringLiteral(string kind)
    {
        var i = 0;
        var raw = false;
        if (kind[i] is 'u' or 'U') i++;
        else if (kind[i] is 'r' or 'R') { raw = true; i++; }
        var quote = kind[i];
        if (kind.Length - i >= 6 && kind[i + 1] == quote && kind[i + 2] == quote)
        {
            throw new FormatException($"triple-quoted literal '{kind}' is not supported as a check kind");
        }
        if (kind.Length - i < 2 || kind[^1] != quote)
        {
            throw new FormatException($"unterminated string literal '{kind}'");
        }
        var body = kind.AsSpan(i + 1, kind.Length - i - 2);
        var sb = new StringBuilder(body.Length);
        for (var j = 0; j < body.Length; j++)
        {
            var c = body[j];
            if (c == quote)
            {
                throw new FormatException($"string literal '{kind}' is not supported as a check kind");
            }
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (j + 1 >= body.Length)
            {
                throw new FormatException($"unterminated string literal '{kind}'");
            }
            var n = body[++j];
            if (raw)
            {
                sb.Append('\\').Append(n);
                continue;
            }
            switch (n)
            {
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case 'x' when IsHex(body, j + 1, 2):
                    sb.Append((char)int.Parse(body.Slice(j + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    j += 2;
                    break;
                case 'u' when IsHex(body, j + 1, 4):
                    sb.Append((char)int.Parse(body.Slice(j + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    j += 4;
                    break;
                case 'x' or 'u' or 'U' or 'N' or >= '0' and <= '7':
                    throw new FormatException($"escape sequence in '{kind}' is not supported as a check kind");
                default:
                    sb.Append('\\').Append(n); // Python keeps unknown escapes verbatim.
                    break;
            }
        }
        return sb.ToString();
    }

    private static bool IsHex(ReadOnlySpan<char> s, int start, int count)
    {
        if (start + count > s.Length) return false;
        foreach (var c in s.Slice(start, count))
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }

    private static string ParseNumber(ReadOnlySpan<char> s, bool negative, string kind)
    {
        FormatException Bad() => new($"'{kind}' is not a valid number literal");

        if (s.Length > 2 && s[0] == '0' && s[1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var radix = s[1] is 'x' or 'X' ? 16 : s[1] is 'o' or 'O' ? 8 : 2;
            var value = BigInteger.Zero;
            var digits = StripUnderscores(s[2..], allowLeading: true) ?? throw Bad();
            foreach (var c in digits)
            {
                var dv = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
                if (dv >= radix) throw Bad();
                value = value * radix + dv;
            }
            return (negative ? -value : value).ToString(CultureInfo.InvariantCulture);
        }

        var isFloat = s.IndexOfAny('.', 'e', 'E') >= 0;
        if (s[^1] is 'j' or 'J')
        {
            throw new FormatException($"complex literal '{kind}' is not supported as a check kind");
        }
        if (!isFloat)
        {
            var digits = StripUnderscores(s, allowLeading: false) ?? throw Bad();
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c)) throw Bad();
            }
            if (digits.Length > 1 && digits[0] == '0' && digits.AsSpan().ContainsAnyExcept('0'))
            {
                throw Bad(); // "007" is a SyntaxError in Python 3.
            }
            var v = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
            return (negative ? -v : v).ToString(CultureInfo.InvariantCulture);
        }

        // Float: digits [. digits] [e [+-] digits], with at least one digit in the mantissa.
        var i = 0;
        var mantissa = new StringBuilder();
        var sawDigit = false;
        var sawDot = false;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_' || s[i] == '.'))
        {
            if (s[i] == '.')
            {
                if (sawDot) throw Bad();
                sawDot = true;
                mantissa.Append('.');
            }
            else if (s[i] == '_')
            {
                if (i == 0 || !char.IsAsciiDigit(s[i - 1]) || i + 1 >= s.Length || !char.IsAsciiDigit(s[i + 1])) throw Bad();
            }
            else
            {
                sawDigit = true;
                mantissa.Append(s[i]);
            }
            i++;
        }
        if (!sawDigit) throw Bad();
        var exponent = "";
        if (i < s.Length)
        {
            if (s[i] is not ('e' or 'E')) throw Bad();
            i++;
            var expStart = i;
            if (i < s.Length && s[i] is '+' or '-') i++;
            var expDigits = StripUnderscores(s[i..], allowLeading: false);
            if (expDigits is null || expDigits.Length == 0) throw Bad();
            foreach (var c in expDigits)
            {
                if (!char.IsAsciiDigit(c)) throw Bad();
            }
            exponent = "e" + s[expStart..i].ToString() + expDigits;
        }
        var parsed = double.Parse(mantissa + exponent, NumberStyles.Float, CultureInfo.InvariantCulture);
        return FloatRepr(negative ? -parsed : parsed);
    }

    /// <summary>Removes PEP 515 underscores; null when they are misplaced.</summary>
    private static string? StripUnderscores(ReadOnlySpan<char> s, bool allowLeading)
    {
        if (s.Length == 0) return null;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '_')
            {
                var prevOk = i > 0 ? s[i - 1] != '_' : allowLeading;
                if (!prevOk || i + 1 >= s.Length || s[i + 1] == '_') return null;
                continue;
            }
            sb.Append(s[i]);
        }
        return sb.ToString();
    }
}
