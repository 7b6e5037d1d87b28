using System.Globalization;
using System.Text;

namespace SharpStack.Core.Validation;

/// <summary>
/// Rewrites a python `re` pattern into .NET syntax with python's meaning: Unicode \d \w \s \b as python defines them,
/// \Z, (?P&lt;name&gt;), {,n}, and '.', negated classes and code points beyond U+FFFF matching whole surrogate pairs.
/// Throws ArgumentException where python's re.compile would fail, or for syntax not ported (possessive, (?x), \N{...}).
/// </summary>
internal sealed class PyRegexTranslator(string pattern)
{
    private const string Pair = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";
    private const string WordItems = @"\p{L}\p{Nd}\p{Nl}\p{No}_";
    private const string DigitItems = @"\p{Nd}";
    private const string SpaceItems = @"\t\n\x0B\f\r\x1C-\x20\x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000";

    /// <summary>A python class escape: its BMP part as .NET class items, and its code points beyond U+FFFF as pair patterns.</summary>
    private sealed record Category(string Bmp, string? Astral);

    private static readonly Lazy<Category> Digit = new(() => new(DigitItems, AstralPattern(c => c == UnicodeCategory.DecimalDigitNumber)));
    private static readonly Lazy<Category> Word = new(() => new(WordItems, AstralPattern(c => c is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
        or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
        or UnicodeCategory.OtherNumber)));
    private static readonly Category Space = new(SpaceItems, null);

    /// <summary>One alternative per high surrogate, with a class of the low surrogates completing a matching code point.</summary>
    private static string AstralPattern(Func<UnicodeCategory, bool> match)
    {
        var alternatives = new List<string>();
        for (var high = 0; high < 1024; high++)
        {
            var lows = new StringBuilder();
            var start = -1;
            for (var low = 0; low <= 1024; low++)
            {
                var ok = low < 1024 && match(CharUnicodeInfo.GetUnicodeCategory(0x10000 + (high << 10) + low));
                if (ok && start < 0) start = low;
                if (ok || start < 0) continue;
                lows.Append(Esc(0xDC00 + start)).Append('-').Append(Esc(0xDC00 + low - 1));
                start = -1;
            }
            if (lows.Length > 0) alternatives.Add($"{Esc(0xD800 + high)}[{lows}]");
        }
        return string.Join("|", alternatives);
    }

    private readonly int[] _src = ToCodePoints(pattern);
    private int _pos;
    private readonly StringBuilder _out = new();

    private static int[] ToCodePoints(string s)
    {
        var list = new List<int>(s.Length);
        for (var i = 0; i < s.Length;) list.Add(PyValue.CodePointAt(s, ref i));
        return [.. list];
    }

    private bool More => _pos < _src.Length;
    private int Peek(int ahead = 0) => _pos + ahead < _src.Length ? _src[_pos + ahead] : -1;
    private int Next() => More ? _src[_pos++] : throw Error("unexpected end of pattern");
    private bool Match(char c)
    {
        if (Peek() != c) return false;
        _pos++;
        return true;
    }

    private ArgumentException Error(string message) =>
        new($"{message} at position {_pos} in python pattern {PyRepr.Str(pattern)}");

    public string Run()
    {
        while (More) Atom();
        return _out.ToString();
    }

    private void Atom()
    {
        var c = Next();
        switch (c)
        {
            case '\\': Escape(); break;
            case '[': Class(); break;
            case '(': Group(); break;
            case '.': _out.Append("(?>").Append(Pair).Append("|.)"); break;
            case '*' or '+' or '?':
                _out.Append((char)c);
                QuantifierSuffix();
                break;
            case '{': Brace(); break;
            case ')' or '|' or '^' or '$': _out.Append((char)c); break;
            default: Literal(c); break;
        }
    }

    /// <summary>A lazy '?' passes through; python 3.11's possessive '+' has no .NET spelling.</summary>
    private void QuantifierSuffix()
    {
        if (Match('?')) _out.Append('?');
        else if (Peek() == '+') throw Error("possessive quantifiers are not supported");
    }

    private void Brace()
    {
        // python: {m,n} / {m,} / {,n} / {m}; anything else is a literal '{'.
        var start = _pos;
        string lo = "", hi = "";
        while (Peek() is >= '0' and <= '9') lo += (char)Next();
        var comma = Match(',');
        if (comma) while (Peek() is >= '0' and <= '9') hi += (char)Next();
        if ((lo.Length == 0 && !comma) || !Match('}'))
        {
            _pos = start;
            _out.Append(@"\{");
            return;
        }
        _out.Append('{').Append(lo.Length == 0 ? "0" : lo);
        if (comma) _out.Append(',').Append(hi);
        _out.Append('}');
        QuantifierSuffix();
    }

    private void Group()
    {
        if (!Match('?'))
        {
            _out.Append('(');
            return;
        }
        var c = Next();
        switch (c)
        {
            case ':' or '=' or '!' or '>':
                _out.Append("(?").Append((char)c);
                return;
            case '<':
                var d = Next();
                if (d is not ('=' or '!')) throw Error("unknown extension ?<" + char.ConvertFromUtf32(d));
                _out.Append("(?<").Append((char)d);
                return;
            case 'P':
                if (Match('<'))
                {
                    _out.Append("(?<").Append(Name('>')).Append('>');
                    return;
                }
                if (Match('='))
                {
                    _out.Append(@"\k<").Append(Name(')')).Append('>');
                    return;
                }
                throw Error("unknown extension ?P");
            case '#':
                while (Next() != ')') { }
                return;
            case '(':
                _out.Append("(?(").Append(Name(')')).Append(')');
                return;
        }
        _pos--;
        var flags = new StringBuilder();
        while (Peek() is 'i' or 'm' or 's' or 'u' or '-' or 'x' or 'a' or 'L')
        {
            var f = Next();
            if (f is 'x' or 'a' or 'L') throw Error($"inline flag '{(char)f}' is not supported");
            if (f != 'u') flags.Append((char)f);
        }
        if (Match(')'))
        {
            if (_out.Length > 0) throw Error("global flags not at the start of the expression");
            _out.Append("(?").Append(flags).Append(')');
            return;
        }
        if (!Match(':')) throw Error("unknown extension");
        _out.Append("(?").Append(flags).Append(':');
    }

    private string Name(char terminator)
    {
        var sb = new StringBuilder();
        int c;
        while ((c = Next()) != terminator) sb.Append(char.ConvertFromUtf32(c));
        var name = sb.ToString();
        if (name.Length == 0 || !name.All(ch => ch == '_' || char.IsLetterOrDigit(ch)))
            throw Error($"bad character in group name {PyRepr.Str(name)}");
        return name;
    }

    private void Escape()
    {
        var c = Next();
        switch (c)
        {
            case 'd': In(Digit.Value); return;
            case 'w': In(Word.Value); return;
            case 's': In(Space); return;
            case 'D': _out.Append(NotIn(Digit.Value)); return;
            case 'W': _out.Append(NotIn(Word.Value)); return;
            case 'S': _out.Append(NotIn(Space)); return;
            case 'b': _out.Append($"(?:(?<=[{WordItems}])(?![{WordItems}])|(?<![{WordItems}])(?=[{WordItems}]))"); return;
            case 'B': _out.Append($"(?:(?<=[{WordItems}])(?=[{WordItems}])|(?<![{WordItems}])(?![{WordItems}]))"); return;
            case 'A': _out.Append(@"\A"); return;
            case 'Z': _out.Append(@"\z"); return;
        }
        if (c is >= '1' and <= '9')
        {
            // python: three octal digits make a char, otherwise a group reference.
            var digits = ((char)c).ToString();
            if (Peek() is >= '0' and <= '9')
            {
                digits += (char)Next();
                if (digits[0] <= '7' && digits[1] <= '7' && Peek() is >= '0' and <= '7')
                {
                    digits += (char)Next();
                    Literal(Octal(digits));
                    return;
                }
            }
            _out.Append(@"\k<").Append(digits).Append('>');
            return;
        }
        Literal(CommonEscape(c));
    }

    private void In(Category c) =>
        _out.Append(c.Astral is null ? $"[{c.Bmp}]" : $"(?:{c.Astral}|[{c.Bmp}])");

    /// <summary>Any one code point outside the category: a whole pair (unless the category has it) or a BMP char.</summary>
    private static string NotIn(Category c) =>
        c.Astral is null ? $"(?>{Pair}|[^{c.Bmp}])" : $"(?:(?!{c.Astral})(?>{Pair}|[^{c.Bmp}]))";

    /// <summary>Escapes meaning a single character both inside and outside classes.</summary>
    private int CommonEscape(int c)
    {
        switch (c)
        {
            case 'a': return 7;
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'v': return '\v';
            case 'x': return Hex(2);
            case 'u': return Hex(4);
            case 'U':
                var cp = Hex(8);
                return cp <= 0x10FFFF ? cp : throw Error("bad escape \\U");
            case '0':
                var oct = "0";
                while (oct.Length < 3 && Peek() is >= '0' and <= '7') oct += (char)Next();
                return Octal(oct);
        }
        if (c < 128 && char.IsAsciiLetterOrDigit((char)c)) throw Error("bad escape \\" + (char)c);
        return c;
    }

    private int Octal(string digits)
    {
        var value = Convert.ToInt32(digits, 8);
        return value <= 0xFF ? value : throw Error("octal escape value outside of range 0-0o377");
    }

    private int Hex(int count)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var c = Peek();
            if (c < 0 || !Uri.IsHexDigit((char)c)) throw Error("incomplete escape");
            sb.Append((char)Next());
        }
        return int.Parse(sb.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private void Literal(int c)
    {
        if (c > 0xFFFF)
        {
            var s = char.ConvertFromUtf32(c);
            _out.Append("(?:").Append(Esc(s[0])).Append(Esc(s[1])).Append(')');
        }
        else if (c < 128 && (char.IsAsciiLetterOrDigit((char)c) || c is '_' or ' ')) _out.Append((char)c);
        else _out.Append(Esc(c));
    }

    private static string Esc(int c) => @"\u" + c.ToString("X4", CultureInfo.InvariantCulture);

    private void Class()
    {
        var negate = Match('^');
        var positive = new StringBuilder();
        var negatedSets = new List<Category>();
        var astral = new List<string>();
        var any = false;
        while (true)
        {
            if (!More) throw Error("unterminated character set");
            var c = Next();
            if (c == ']' && any) break;
            any = true;
            int lo;
            Category? category = null, negCategory = null;
            if (c == '\\')
            {
                var e = Next();
                switch (e)
                {
                    case 'd': category = Digit.Value; break;
                    case 'w': category = Word.Value; break;
                    case 's': category = Space; break;
                    case 'D': negCategory = Digit.Value; break;
                    case 'W': negCategory = Word.Value; break;
                    case 'S': negCategory = Space; break;
                }
                lo = category is null && negCategory is null ? ClassEscape(e) : -1;
            }
            else
            {
                lo = c;
            }
            var hi = lo;
            if (Peek() == '-' && Peek(1) != ']' && Peek(1) != -1)
            {
                _pos++;
                var h = Next();
                hi = h == '\\' ? ClassEscape(Next()) : h;
                if (lo < 0 || hi < lo) throw Error("bad character range");
            }
            if (category is not null)
            {
                positive.Append(category.Bmp);
                if (category.Astral is not null) astral.Add(category.Astral);
            }
            else if (negCategory is not null) negatedSets.Add(negCategory);
            else
            {
                if (lo <= 0xFFFF) positive.Append(Esc(lo)).Append('-').Append(Esc(Math.Min(hi, 0xFFFF)));
                if (hi > 0xFFFF) astral.AddRange(SurrogateRanges(Math.Max(lo, 0x10000), hi));
            }
        }
        // Astral code points are surrogate pairs to .NET: try them first, atomically, so no half pair matches alone.
        var astralAlternatives = string.Join("|", astral);
        var notAstral = astral.Count > 0 ? $"(?!{astralAlternatives})" : "";
        if (negate)
        {
            if (negatedSets.Count == 0)
            {
                _out.Append("(?:").Append(notAstral).Append("(?>").Append(Pair).Append('|')
                    .Append(positive.Length > 0 ? $"[^{positive}]" : @"[\s\S]").Append("))");
                return;
            }
            // [^P\W] = word characters not in P: intersect the categories with lookaheads, then exclude P.
            var bmp = new StringBuilder();
            if (positive.Length > 0) bmp.Append("(?![").Append(positive).Append("])");
            foreach (var n in negatedSets.SkipLast(1)) bmp.Append("(?=[").Append(n.Bmp).Append("])");
            bmp.Append('[').Append(negatedSets[^1].Bmp).Append(']');
            if (negatedSets.Any(n => n.Astral is null))
            {
                _out.Append("(?:").Append(bmp).Append(')');
                return;
            }
            var wide = new StringBuilder(notAstral);
            foreach (var n in negatedSets.SkipLast(1)) wide.Append("(?=").Append(n.Astral).Append(')');
            wide.Append("(?:").Append(negatedSets[^1].Astral).Append(')');
            _out.Append("(?>").Append(wide).Append('|').Append(bmp).Append(')');
            return;
        }
        var alternatives = new List<string>(astral);
        if (positive.Length > 0) alternatives.Add("[" + positive + "]");
        alternatives.AddRange(negatedSets.Select(NotIn));
        if (alternatives.Count == 1 && positive.Length > 0) _out.Append(alternatives[0]);
        else _out.Append("(?>").Append(string.Join("|", alternatives)).Append(')');
    }

    /// <summary>UTF-16 patterns for the code points lo..hi (all beyond U+FFFF).</summary>
    private static IEnumerable<string> SurrogateRanges(int lo, int hi)
    {
        var (h1, l1) = Split(lo);
        var (h2, l2) = Split(hi);
        if (h1 == h2)
        {
            yield return $"{Esc(h1)}[{Esc(l1)}-{Esc(l2)}]";
            yield break;
        }
        yield return $"{Esc(h1)}[{Esc(l1)}-\\uDFFF]";
        if (h1 + 1 <= h2 - 1) yield return $"[{Esc(h1 + 1)}-{Esc(h2 - 1)}][\\uDC00-\\uDFFF]";
        yield return $"{Esc(h2)}[\\uDC00-{Esc(l2)}]";

        static (int High, int Low) Split(int cp) => (0xD800 + ((cp - 0x10000) >> 10), 0xDC00 + ((cp - 0x10000) & 0x3FF));
    }

    private int ClassEscape(int e)
    {
        if (e == 'b') return '\b';
        if (e is >= '1' and <= '7')
        {
            var oct = ((char)e).ToString();
            while (oct.Length < 3 && Peek() is >= '0' and <= '7') oct += (char)Next();
            return Octal(oct);
        }
        if (e is '8' or '9') throw Error("bad escape \\" + (char)e);
        if (e is 'A' or 'Z' or 'B') throw Error("bad escape \\" + (char)e);
        return CommonEscape(e);
    }
}
