using System.Text;
using System.Text.Json.Nodes;

namespace SharpStack.Core.Validation;

/// <summary>pprint.pformat(obj, width=72) for JSON values (indent 1, sorted dict keys), used by python's str(ValidationError).</summary>
internal static class PyPrettyPrint
{
    private const int Width = 72;

    public static string Format(JsonNode? node)
    {
        var sb = new StringBuilder();
        FormatNode(sb, node, 0, 0, 0);
        return sb.ToString();
    }

    private static int Len(string s) => PyValue.CodePointLength(s);

    private static void FormatNode(StringBuilder sb, JsonNode? node, int indent, int allowance, int level)
    {
        var rep = PyRepr.Sorted(node);
        if (Len(rep) > Width - indent - allowance)
        {
            switch (PyValue.Kind(node))
            {
                case PyKind.Dict: FormatDict(sb, node!.AsObject(), indent, allowance, level + 1); return;
                case PyKind.List: FormatList(sb, node!.AsArray(), indent, allowance, level + 1); return;
                case PyKind.Str: FormatStr(sb, PyValue.Str(node!), indent, allowance, level + 1); return;
            }
        }
        sb.Append(rep);
    }

    private static void FormatDict(StringBuilder sb, JsonObject obj, int indent, int allowance, int level)
    {
        sb.Append('{');
        if (obj.Count > 0)
        {
            allowance += 1;
            indent += 1;
            var delim = ",\n" + new string(' ', indent);
            var items = PyRepr.Items(obj, sortKeys: true).ToList();
            for (var i = 0; i < items.Count; i++)
            {
                var last = i == items.Count - 1;
                var rep = PyRepr.Str(items[i].Key);
                sb.Append(rep).Append(": ");
                FormatNode(sb, items[i].Value, indent + Len(rep) + 2, last ? allowance : 1, level);
                if (!last) sb.Append(delim);
            }
        }
        sb.Append('}');
    }

    private static void FormatList(StringBuilder sb, JsonArray list, int indent, int allowance, int level)
    {
        sb.Append('[');
        allowance += 1;
        indent += 1;
        var delim = ",\n" + new string(' ', indent);
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0) sb.Append(delim);
            FormatNode(sb, list[i], indent, i == list.Count - 1 ? allowance : 1, level);
        }
        sb.Append(']');
    }

    private static void FormatStr(StringBuilder sb, string s, int indent, int allowance, int level)
    {
        if (s.Length == 0)
        {
            sb.Append("''");
            return;
        }
        var chunks = new List<string>();
        var lines = SplitLines(s);
        if (level == 1)
        {
            indent += 1;
            allowance += 1;
        }
        var maxWidth = Width - indent;
        var maxWidth1 = maxWidth;
        for (var i = 0; i < lines.Count; i++)
        {
            var rep = PyRepr.Str(lines[i]);
            if (i == lines.Count - 1) maxWidth1 -= allowance;
            if (Len(rep) <= maxWidth1)
            {
                chunks.Add(rep);
                continue;
            }
            var parts = SplitWords(lines[i]);
            var maxWidth2 = maxWidth;
            var current = "";
            for (var j = 0; j < parts.Count; j++)
            {
                var candidate = current + parts[j];
                if (j == parts.Count - 1 && i == lines.Count - 1) maxWidth2 -= allowance;
                if (Len(PyRepr.Str(candidate)) > maxWidth2)
                {
                    if (current.Length > 0) chunks.Add(PyRepr.Str(current));
                    current = parts[j];
                }
                else
                {
                    current = candidate;
                }
            }
            if (current.Length > 0) chunks.Add(PyRepr.Str(current));
        }
        if (chunks.Count == 1)
        {
            sb.Append(chunks[0]);
            return;
        }
        if (level == 1) sb.Append('(');
        for (var i = 0; i < chunks.Count; i++)
        {
            if (i > 0) sb.Append('\n').Append(' ', indent);
            sb.Append(chunks[i]);
        }
        if (level == 1) sb.Append(')');
    }

    /// <summary>str.splitlines(keepends=True).</summary>
    private static List<string> SplitLines(string s)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029')
            {
                if (c == '\r' && i + 1 < s.Length && s[i + 1] == '\n') i++;
                lines.Add(s[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < s.Length) lines.Add(s[start..]);
        return lines;
    }

    /// <summary>re.findall(r'\S*\s*', line) minus the trailing empty match.</summary>
    private static List<string> SplitWords(string line)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            var start = i;
            while (i < line.Length && !PyRegex.IsPySpace(line[i])) i++;
            while (i < line.Length && PyRegex.IsPySpace(line[i])) i++;
            parts.Add(line[start..i]);
        }
        return parts;
    }
}
