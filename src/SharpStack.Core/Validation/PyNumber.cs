using System.Globalization;
using System.Numerics;
using System.Text;

namespace SharpStack.Core.Validation;

/// <summary>A JSON number as python's json module sees it: an exact int, or a float when the literal has a fraction or exponent.</summary>
internal readonly struct PyNumber
{
    public readonly bool IsFloat;
    public readonly BigInteger Int;
    public readonly double Float;

    private PyNumber(bool isFloat, BigInteger i, double f)
    {
        IsFloat = isFloat;
        Int = i;
        Float = f;
    }

    public static PyNumber FromInt(BigInteger value) => new(false, value, 0);

    public static PyNumber FromFloat(double value) => new(true, default, value);

    /// <summary>Parses JSON number text the way json.loads does (int unless '.', 'e' or 'E' appears).</summary>
    public static PyNumber Parse(string text)
    {
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
            return FromFloat(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        return FromInt(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }

    /// <summary>nova's _number_from_str: python int(instance), else float(instance), else null (what raises
    /// ValueError/TypeError: null, lists, objects, text that is no number). int() truncates a float and maps a bool
    /// to 0/1; text may carry surrounding whitespace, a sign and underscores between digits.</summary>
    public static PyNumber? FromPythonIntOrFloat(System.Text.Json.Nodes.JsonNode? instance, PyKind kind)
    {
        switch (kind)
        {
            case PyKind.Bool:
                return FromInt(PyValue.Bool(instance!) ? 1 : 0);
            case PyKind.Int:
                return PyValue.Number(instance!);
            case PyKind.Float:
                var f = PyValue.Number(instance!).Float;
                return double.IsFinite(f) ? FromInt(new BigInteger(Math.Truncate(f))) : null;
            case PyKind.Str:
                var text = PyValue.Str(instance!).Trim();
                var plain = WithoutDigitUnderscores(text);
                if (plain is null || plain.Length == 0) return null;
                if (System.Text.RegularExpressions.Regex.IsMatch(plain, @"^[+-]?[0-9]+$"))
                    return FromInt(BigInteger.Parse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
                var lower = plain.ToLowerInvariant().TrimStart('+', '-');
                if (lower is "inf" or "infinity" or "nan")
                    return FromFloat(lower == "nan" ? double.NaN : plain.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity);
                if (System.Text.RegularExpressions.Regex.IsMatch(plain, @"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"))
                    return FromFloat(double.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture));
                return null;
            default:
                return null;
        }
    }

    /// <summary>Python number text allows one underscore between two digits; null when an underscore is misplaced.</summary>
    private static string? WithoutDigitUnderscores(string text)
    {
        if (!text.Contains('_')) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '_') { sb.Append(text[i]); continue; }
            if (i == 0 || i == text.Length - 1 || !char.IsAsciiDigit(text[i - 1]) || !char.IsAsciiDigit(text[i + 1])) return null;
        }
        return sb.ToString();
    }

    public bool IsZeroOrOne => IsFloat ? Float is 0.0 or 1.0 : Int.IsZero || Int.IsOne;

    /// <summary>Python's exact mixed int/float comparison; NaN compares unordered (returns null).</summary>
    public static int? Compare(PyNumber a, PyNumber b)
    {
        if (!a.IsFloat && !b.IsFloat) return a.Int.CompareTo(b.Int);
        if (a.IsFloat && b.IsFloat)
            return double.IsNaN(a.Float) || double.IsNaN(b.Float) ? null : a.Float.CompareTo(b.Float);
        return a.IsFloat ? -CompareIntFloat(b.Int, a.Float) : CompareIntFloat(a.Int, b.Float);
    }

    private static int? CompareIntFloat(BigInteger i, double f)
    {
        if (double.IsNaN(f)) return null;
        if (double.IsPositiveInfinity(f)) return -1;
        if (double.IsNegativeInfinity(f)) return 1;
        var floor = Math.Floor(f);
        var c = i.CompareTo(new BigInteger(floor));
        if (c != 0) return c;
        return floor == f ? 0 : -1;
    }

    public static bool NumEquals(PyNumber a, PyNumber b) => Compare(a, b) == 0;

    public double ToDouble() => IsFloat ? Float : (double)Int;

    public string Repr() => IsFloat ? FloatRepr(Float) : Int.ToString(CultureInfo.InvariantCulture);

    /// <summary>repr(float): shortest round-trip digits, exponent form when the decimal point is beyond -4..16.</summary>
    public static string FloatRepr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";

        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        if (negative) r = r[1..];
        var exp = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }
        var dot = r.IndexOf('.');
        var intPart = dot >= 0 ? r[..dot] : r;
        var fracPart = dot >= 0 ? r[(dot + 1)..] : "";
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        // decpt: value = 0.DIGITS x 10^decpt, as CPython's dtoa reports it.
        var decpt = intPart.Length - leadingZeros + exp;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (decpt <= -4 || decpt > 16)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            var x = decpt - 1;
            sb.Append(x < 0 ? "e-" : "e+").Append(Math.Abs(x).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (decpt <= 0)
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
        return sb.ToString();
    }

    /// <summary>Whether the number is a whole multiple of <paramref name="divisor"/>, with jsonschema's multipleOf arithmetic.</summary>
    public static bool IsMultipleOf(PyNumber instance, PyNumber divisor)
    {
        if (divisor.IsFloat)
        {
            var q = instance.ToDouble() / divisor.Float;
            if (!double.IsInfinity(q)) return !double.IsNaN(q) && Math.Truncate(q) == q;
            // OverflowError in int(quotient): jsonschema falls back to exact Fraction arithmetic.
            var (n1, d1) = Exact(instance);
            var (n2, d2) = Exact(divisor);
            var num = n1 * d2;
            var den = d1 * n2;
            return !den.IsZero && BigInteger.Remainder(num, den).IsZero;
        }
        // int divisor: python's `instance % dB` (the schema guarantees dB > 0).
        if (!instance.IsFloat) return BigInteger.Remainder(instance.Int, divisor.Int).IsZero;
        return instance.Float % (double)divisor.Int == 0;
    }

    private static (BigInteger Num, BigInteger Den) Exact(PyNumber n)
    {
        if (!n.IsFloat) return (n.Int, BigInteger.One);
        var bits = BitConverter.DoubleToInt64Bits(n.Float);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++;
        else mantissa |= 1L << 52;
        exponent -= 1075;
        BigInteger num = mantissa;
        if (negative) num = -num;
        return exponent >= 0 ? (num << exponent, BigInteger.One) : (num, BigInteger.One << -exponent);
    }
}
