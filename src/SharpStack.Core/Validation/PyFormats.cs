using System.Globalization;
using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

/// <summary>The checks behind python-jsonschema 4.10's FormatChecker() (stdlib ipaddress/datetime/uuid/re, jsonpointer 2.3).</summary>
internal static class PyFormats
{
    private static bool StrOr(JsonNode? instance, Func<string, bool> check) =>
        PyValue.Kind(instance) != PyKind.Str || check(PyValue.Str(instance!));

    public static bool Email(JsonNode? i) => StrOr(i, s => s.Contains('@'));

    public static bool Ipv4(JsonNode? i) => StrOr(i, s => !s.Contains('/') && ParseIpv4(s) is not null);

    public static bool Ipv6(JsonNode? i) => StrOr(i, IsIpv6);

    public static bool Regex(JsonNode? i) => StrOr(i, PyRegex.IsValid);

    public static bool Date(JsonNode? i) => StrOr(i, IsDate);

    public static bool Time(JsonNode? i) => StrOr(i, IsTime);

    public static bool Uuid(JsonNode? i) => StrOr(i, IsUuid);

    public static bool JsonPointer(JsonNode? i) => StrOr(i, IsJsonPointer);

    public static bool RelativeJsonPointer(JsonNode? i) => StrOr(i, IsRelativeJsonPointer);

    /// <summary>oslo_utils.uuidutils.is_uuid_like: 32 hex digits once urn:/uuid:/braces/dashes are dropped; false for non-strings.</summary>
    public static bool UuidLike(JsonNode? i) =>
        PyValue.Kind(i) == PyKind.Str && StripUuid(PyValue.Str(i!)) is { Length: 32 } hex && hex.All(Uri.IsHexDigit);

    private static string StripUuid(string s) =>
        s.Replace("urn:", "").Replace("uuid:", "").Trim('{', '}').Replace("-", "");

    /// <summary>ipaddress.IPv4Address: four dotted decimal octets, ASCII digits, no leading zeros, at most 255.</summary>
    private static uint? ParseIpv4(string s)
    {
        var octets = s.Split('.');
        if (s.Length == 0 || octets.Length != 4) return null;
        uint value = 0;
        foreach (var o in octets)
        {
            if (o.Length is 0 or > 3 || !o.All(char.IsAsciiDigit) || (o != "0" && o[0] == '0')) return null;
            var n = uint.Parse(o, CultureInfo.InvariantCulture);
            if (n > 255) return null;
            value = value << 8 | n;
        }
        return value;
    }

    /// <summary>ipaddress.IPv6Address without a %scope (jsonschema rejects scoped addresses).</summary>
    private static bool IsIpv6(string s)
    {
        if (s.Contains('/') || s.Contains('%')) return false;
        if (s.Length == 0) return false;
        var parts = s.Split(':').ToList();
        if (parts.Count < 3) return false;
        if (parts[^1].Contains('.'))
        {
            if (ParseIpv4(parts[^1]) is not { } v4) return false;
            parts[^1] = (v4 >> 16).ToString("x", CultureInfo.InvariantCulture);
            parts.Add((v4 & 0xFFFF).ToString("x", CultureInfo.InvariantCulture));
        }
        if (parts.Count > 9) return false;
        int? skip = null;
        for (var i = 1; i < parts.Count - 1; i++)
        {
            if (parts[i].Length != 0) continue;
            if (skip is not null) return false;
            skip = i;
        }
        int hi, lo;
        if (skip is { } k)
        {
            hi = k;
            lo = parts.Count - k - 1;
            if (parts[0].Length == 0 && --hi != 0) return false;
            if (parts[^1].Length == 0 && --lo != 0) return false;
            if (8 - (hi + lo) < 1) return false;
        }
        else
        {
            if (parts.Count != 8 || parts[0].Length == 0 || parts[^1].Length == 0) return false;
            hi = parts.Count;
            lo = 0;
        }
        return parts.Take(hi).Concat(parts.Skip(parts.Count - lo)).All(h => h.Length is > 0 and <= 4 && h.All(Uri.IsHexDigit));
    }

    /// <summary>isascii() and datetime.date.fromisoformat (3.11's C parser: trailing text after the fields is ignored).</summary>
    private static bool IsDate(string s)
    {
        if (!s.All(char.IsAscii) || s.Length is not (7 or 8 or 10)) return false;
        var p = 0;
        int Digits(int n)
        {
            var v = 0;
            for (var i = 0; i < n; i++, p++)
            {
                if (p >= s.Length || !char.IsAsciiDigit(s[p])) return -1;
                v = v * 10 + (s[p] - '0');
            }
            return v;
        }
        char At(int i) => i < s.Length ? s[i] : '\0';

        var year = Digits(4);
        if (year < 0) return false;
        var sep = At(p) == '-';
        if (sep) p++;
        if (At(p) == 'W')
        {
            p++;
            var week = Digits(2);
            if (week < 0) return false;
            var day = 1;
            if (p < s.Length)
            {
                if (sep && At(p++) != '-') return false;
                day = Digits(1);
                if (day < 0) return false;
            }
            return IsoWeekDate(year, week, day);
        }
        var month = Digits(2);
        if (month < 0) return false;
        if (sep && At(p++) != '-') return false;
        var dom = Digits(2);
        return dom >= 0 && year >= 1 && month is >= 1 and <= 12 && dom >= 1 && dom <= DateTime.DaysInMonth(year, month);
    }

    private static bool IsoWeekDate(int year, int week, int day)
    {
        if (year < 1) return false;
        var jan1 = new DateOnly(year, 1, 1);
        var firstWeekday = ((int)jan1.DayOfWeek + 6) % 7; // 0 = Monday
        if (week <= 0 || week >= 53)
        {
            var longYear = firstWeekday == 3 || (firstWeekday == 2 && DateTime.IsLeapYear(year));
            if (week != 53 || !longYear) return false;
        }
        if (day is <= 0 or >= 8) return false;
        var monday = jan1.DayNumber - firstWeekday + (firstWeekday > 3 ? 7 : 0);
        var result = monday + (week - 1) * 7 + day - 1;
        return result >= DateOnly.MinValue.DayNumber && result <= DateOnly.MaxValue.DayNumber;
    }

    /// <summary>datetime.strptime(s, "%H:%M:%S"): _strptime's regex with python's backtracking order, then datetime's 0..59 second check.</summary>
    private static bool IsTime(string s)
    {
        var cps = new List<int>();
        for (var i = 0; i < s.Length;) cps.Add(PyValue.CodePointAt(s, ref i));
        static bool D(int c) => c <= 0xFFFF ? char.IsDigit((char)c) : CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.DecimalDigitNumber;
        int Val(int c) => CharUnicodeInfo.GetDecimalDigitValue(char.ConvertFromUtf32(c), 0);
        int At(int i) => i < cps.Count ? cps[i] : -1;

        // Alternatives in regex order; each returns (length, value) when it matches at pos.
        IEnumerable<(int Len, int Value)> Field(int pos, char firstHigh, char secondMaxForHigh, char firstMax)
        {
            int a = At(pos), b = At(pos + 1);
            if (a == firstHigh && b >= '0' && b <= secondMaxForHigh) yield return (2, Val(a) * 10 + Val(b));
            if (a >= '0' && a <= firstMax && b >= 0 && D(b)) yield return (2, Val(a) * 10 + Val(b));
            if (a >= 0 && D(a)) yield return (1, Val(a));
        }

        foreach (var h in Field(0, '2', '3', '1'))
        {
            if (At(h.Len) != ':') continue;
            foreach (var m in Field(h.Len + 1, '\0', '\0', '5'))
            {
                var ps = h.Len + 1 + m.Len;
                if (At(ps) != ':') continue;
                foreach (var sec in Field(ps + 1, '6', '1', '5'))
                    return ps + 1 + sec.Len == cps.Count && sec.Value <= 59;
            }
        }
        return false;
    }

    /// <summary>uuid.UUID(s) accepts it (python int(hex, 16) rules) and dashes sit at 8, 13, 18, 23.</summary>
    private static bool IsUuid(string s)
    {
        var hex = StripUuid(s);
        if (PyValue.CodePointLength(hex) != 32 || !PyHexInt(hex)) return false;
        var cps = new List<int>();
        for (var i = 0; i < s.Length;) cps.Add(PyValue.CodePointAt(s, ref i));
        return cps[8] == '-' && cps[13] == '-' && cps[18] == '-' && cps[23] == '-';
    }

    /// <summary>int(s, 16) succeeds: whitespace around, a sign, optional 0x, single underscores between digits, Unicode decimals.</summary>
    private static bool PyHexInt(string s)
    {
        var t = new System.Text.StringBuilder();
        foreach (var ch in s)
        {
            if (PyRegex.IsPySpace(ch)) t.Append(' ');
            else if (ch < 128) t.Append(ch);
            else if (char.IsDigit(ch)) t.Append((char)('0' + CharUnicodeInfo.GetDecimalDigitValue(ch)));
            else return false;
        }
        var str = t.ToString().Trim(' ', '\t', '\n', '\v', '\f', '\r');
        var p = 0;
        if (p < str.Length && str[p] is '+' or '-') p++;
        if (p + 1 < str.Length && str[p] == '0' && str[p + 1] is 'x' or 'X')
        {
            p += 2;
            if (p < str.Length && str[p] == '_') p++;
        }
        if (p >= str.Length) return false;
        var prevUnderscore = true;
        for (; p < str.Length; p++)
        {
            if (str[p] == '_')
            {
                if (prevUnderscore) return false;
                prevUnderscore = true;
            }
            else if (Uri.IsHexDigit(str[p])) prevUnderscore = false;
            else return false;
        }
        return !prevUnderscore;
    }

    private static bool IsJsonPointer(string s)
    {
        for (var i = 0; i < s.Length; i++)
            if (s[i] == '~' && (i + 1 == s.Length || s[i + 1] is not ('0' or '1'))) return false;
        return s.Length == 0 || s[0] == '/';
    }

    private static bool IsRelativeJsonPointer(string s)
    {
        var digits = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsDigit(s[i]))
            {
                if (i > 0 && CharUnicodeInfo.GetDecimalDigitValue(s[i - 1]) == 0) return false;
                digits++;
                continue;
            }
            if (digits == 0) return false;
            var rest = s[i..];
            return rest == "#" || IsJsonPointer(rest);
        }
        return true;
    }
}
