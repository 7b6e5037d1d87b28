using System.Globalization;
using System.Numerics;
using System.Text;

namespace SharpStack.Identity.Catalog;

/// <summary>How a Python <c>format % mapping</c> ended.</summary>
public enum PercentFormatOutcome
{
    Ok,

    /// <summary>A <c>%(key)</c> the mapping does not have.</summary>
    KeyError,

    /// <summary>A conversion that does not suit its value (<c>%d</c> of a string), or more unnamed specs than Python allows.</summary>
    TypeError,

    /// <summary>An incomplete or unsupported spec (<c>%20</c>, a trailing <c>%</c>, an unclosed <c>%(</c>).</summary>
    ValueError,

    /// <summary>Python would have succeeded, but with text we do not reproduce (a float conversion, repr() of a value,
    /// or the mapping object itself formatted by a bare <c>%s</c>).</summary>
    Unrepresentable,
}

/// <summary>Python's printf-style formatting with a mapping argument, as Keystone applies it to endpoint URLs
/// (<c>url.replace('$(', '%(') % substitutions</c>). Follows CPython's parser: which specs fail and with which
/// exception decides whether Keystone accepts an endpoint URL and whether the catalog shows it.</summary>
public static class PercentFormat
{
    /// <summary>The mapping's answer for a key: found with a value (string, long or null for Python's None), or missing.</summary>
    public delegate bool Lookup(string key, out object? value);

    private static readonly object Mapping = new();

    public static PercentFormatOutcome Apply(string format, Lookup lookup, out string? result)
    {
        result = null;
        var sb = new StringBuilder(format.Length + 32);
        var unrepresentable = false;
        // CPython's getnextarg: an unnamed spec takes the mapping itself once; a named one takes its value once.
        object? args = Mapping;
        var available = true;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i++];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            if (i >= format.Length) return PercentFormatOutcome.ValueError;
            if (format[i] == '%')
            {
                sb.Append('%');
                i++;
                continue;
            }
            if (format[i] == '(')
            {
                var depth = 1;
                var start = ++i;
                while (i < format.Length && depth > 0)
                {
                    if (format[i] == '(') depth++;
                    else if (format[i] == ')') depth--;
                    i++;
                }
                if (depth > 0) return PercentFormatOutcome.ValueError;
                if (!lookup(format[start..(i - 1)], out var value)) return PercentFormatOutcome.KeyError;
                args = value;
                available = true;
            }
            var flags = "";
            while (i < format.Length && format[i] is '-' or '+' or ' ' or '#' or '0')
                flags += format[i++];
            var width = -1;
            if (i < format.Length && format[i] == '*')
                return PercentFormatOutcome.TypeError; // "* wants int": the argument is a mapping or a string.
            if (i < format.Length && char.IsAsciiDigit(format[i]))
                width = ReadNumber(format, ref i);
            var precision = -1;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                if (i < format.Length && format[i] == '*') return PercentFormatOutcome.TypeError;
                precision = i < format.Length && char.IsAsciiDigit(format[i]) ? ReadNumber(format, ref i) : 0;
            }
            while (i < format.Length && format[i] is 'h' or 'l' or 'L') i++;
            if (i >= format.Length) return PercentFormatOutcome.ValueError;
            var conversion = format[i++];
            if (!available) return PercentFormatOutcome.TypeError; // "not enough arguments for format string"
            available = false;
            var outcome = Convert(conversion, args, flags, width, precision, sb);
            if (outcome == PercentFormatOutcome.Unrepresentable) unrepresentable = true;
            else if (outcome != PercentFormatOutcome.Ok) return outcome;
        }
        if (unrepresentable) return PercentFormatOutcome.Unrepresentable;
        result = sb.ToString();
        return PercentFormatOutcome.Ok;
    }

    private static int ReadNumber(string s, ref int i)
    {
        var n = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
            n = Math.Min(n * 10 + (s[i++] - '0'), 100_000);
        return n;
    }

    private static PercentFormatOutcome Convert(char conversion, object? arg, string flags, int width, int precision, StringBuilder sb)
    {
        switch (conversion)
        {
            case 's':
                if (ReferenceEquals(arg, Mapping)) return PercentFormatOutcome.Unrepresentable;
                var text = arg switch
                {
                    null => "None",
                    long l => l.ToString(CultureInfo.InvariantCulture),
                    _ => (string)arg,
                };
                if (precision >= 0 && text.Length > precision) text = text[..precision];
                Pad(sb, text, width, flags.Contains('-'));
                return PercentFormatOutcome.Ok;
            case 'r' or 'a':
                return PercentFormatOutcome.Unrepresentable;
            case 'd' or 'i' or 'u' or 'o' or 'x' or 'X':
                if (arg is not long number) return PercentFormatOutcome.TypeError;
                AppendInteger(sb, number, conversion, flags, width, precision);
                return PercentFormatOutcome.Ok;
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G':
                return arg is long ? PercentFormatOutcome.Unrepresentable : PercentFormatOutcome.TypeError;
            case 'c':
                if (arg is long code && code is >= 0 and <= 0x10FFFF)
                {
                    Pad(sb, char.ConvertFromUtf32((int)code), width, flags.Contains('-'));
                    return PercentFormatOutcome.Ok;
                }
                if (arg is string { Length: 1 } ch)
                {
                    Pad(sb, ch, width, flags.Contains('-'));
                    return PercentFormatOutcome.Ok;
                }
                return PercentFormatOutcome.TypeError;
            default:
                return PercentFormatOutcome.ValueError; // "unsupported format character"
        }
    }

    private static void AppendInteger(StringBuilder sb, long value, char conversion, string flags, int width, int precision)
    {
        var magnitude = BigInteger.Abs(value);
        var digits = conversion switch
        {
            'o' => ToBase(magnitude, 8),
            'x' => ToBase(magnitude, 16),
            'X' => ToBase(magnitude, 16).ToUpperInvariant(),
            _ => magnitude.ToString(CultureInfo.InvariantCulture),
        };
        if (precision > digits.Length) digits = new string('0', precision - digits.Length) + digits;
        var prefix = flags.Contains('#') ? conversion switch { 'o' => "0o", 'x' => "0x", 'X' => "0X", _ => "" } : "";
        var sign = value < 0 ? "-" : flags.Contains('+') ? "+" : flags.Contains(' ') ? " " : "";
        var body = sign + prefix + digits;
        if (width > body.Length && !flags.Contains('-') && flags.Contains('0'))
            body = sign + prefix + new string('0', width - body.Length) + digits;
        Pad(sb, body, width, flags.Contains('-'));
    }

    private static string ToBase(BigInteger value, int radix)
    {
        if (value.IsZero) return "0";
        var sb = new StringBuilder();
        while (!value.IsZero)
        {
            sb.Insert(0, "0123456789abcdef"[(int)(value % radix)]);
            value /= radix;
        }
        return sb.ToString();
    }

    private static void Pad(StringBuilder sb, string text, int width, bool left)
    {
        var pad = Math.Max(0, width - text.Length);
        if (!left) sb.Append(' ', pad);
        sb.Append(text);
        if (left) sb.Append(' ', pad);
    }
}
