using System.Text;

namespace SharpStack.Core.Policy;

/// <summary>
/// The right-hand side of a check: literal text with optional Python <c>%(key)s</c> substitutions
/// from the target (and <c>%%</c> for a literal percent sign). Parsed once; resolving a template with
/// a single substitution of a string value does not allocate.
/// </summary>
internal sealed class MatchTemplate
{
    private readonly Part[] _parts;
    private readonly string? _constant;

    private MatchTemplate(string raw, Part[] parts)
    {
        Raw = raw;
        _parts = parts;
        if (parts.Length == 0)
        {
            _constant = "";
        }
        else if (parts.Length == 1 && parts[0].Key is null)
        {
            _constant = parts[0].Literal;
        }
    }

    public string Raw { get; }

    public bool IsConstant => _constant is not null;

    /// <summary>Parses <paramref name="raw"/>; errors carry the offset within <paramref name="raw"/>.</summary>
    public static MatchTemplate Parse(string raw, out int errorOffset, out string? error)
    {
        errorOffset = 0;
        error = null;
        if (raw.IndexOf('%') < 0)
        {
            return new MatchTemplate(raw, raw.Length == 0 ? [] : [new Part(raw, null)]);
        }

        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c != '%')
            {
                literal.Append(c);
                i++;
                continue;
            }
            if (i + 1 >= raw.Length)
            {
                errorOffset = i;
                error = "incomplete '%' substitution (write '%%' for a literal percent sign)";
                return null!;
            }
            if (raw[i + 1] == '%')
            {
                literal.Append('%');
                i += 2;
                continue;
            }
            if (raw[i + 1] != '(')
            {
                errorOffset = i;
                error = $"unsupported substitution '%{raw[i + 1]}': only '%(key)s' and '%%' are allowed";
                return null!;
            }
            // Python counts nested parentheses inside the key.
            var depth = 1;
            var j = i + 2;
            while (j < raw.Length && depth > 0)
            {
                if (raw[j] == '(') depth++;
                else if (raw[j] == ')') depth--;
                j++;
            }
            if (depth > 0)
            {
                errorOffset = i;
                error = "unterminated '%(' substitution key";
                return null!;
            }
            var key = raw.Substring(i + 2, j - i - 3);
            if (j >= raw.Length || raw[j] != 's')
            {
                errorOffset = i;
                error = $"substitution '%({key})' must be followed by 's'";
                return null!;
            }
            if (literal.Length > 0)
            {
                parts.Add(new Part(literal.ToString(), null));
                literal.Clear();
            }
            parts.Add(new Part(null, new SegmentTable(key)));
            i = j + 1;
        }
        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), null));
        }
        return new MatchTemplate(raw, [.. parts]);
    }

    /// <summary>
    /// <c>raw % target</c>: false when a key is missing from the target (oslo's KeyError -> False).
    /// </summary>
    public bool TryResolve(IReadOnlyDictionary<string, object?> target, out string value)
    {
        if (_constant is not null)
        {
            value = _constant;
            return true;
        }
        if (_parts.Length == 1)
        {
            if (!ValueWalker.TryGetTargetValue(target, _parts[0].Key!, out var single))
            {
                value = "";
                return false;
            }
            value = PythonValues.Str(single);
            return true;
        }

        var sb = new StringBuilder();
        foreach (var part in _parts)
        {
            if (part.Key is null)
            {
                sb.Append(part.Literal);
                continue;
            }
            if (!ValueWalker.TryGetTargetValue(target, part.Key, out var v))
            {
                value = "";
                return false;
            }
            sb.Append(PythonValues.Str(v));
        }
        value = sb.ToString();
        return true;
    }

    /// <summary>Keys substituted from the target, in order.</summary>
    public IEnumerable<string> Keys => _parts.Where(p => p.Key is not null).Select(p => p.Key!.Full);

    private readonly record struct Part(string? Literal, SegmentTable? Key);
}
