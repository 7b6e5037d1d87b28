using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SharpStack.Identity.Common;

/// <summary>Python's <c>json.dumps</c> and <c>json.loads</c> with their defaults, for the places where Keystone stores or
/// returns text it re-serialized (credential blobs, policy blobs), so the bytes match what Keystone writes.</summary>
public static class PythonJson
{
    /// <summary><c>json.dumps(value)</c>: ", " and ": " separators, keys in document order, ASCII-only output.</summary>
    public static string Dumps(JsonNode? node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    /// <summary><c>json.dumps(text)</c>: a JSON string literal with Python's escapes (\uXXXX for anything outside space..~).</summary>
    public static string DumpsString(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        AppendString(sb, text);
        return sb.ToString();
    }

    /// <summary><c>json.loads(text)</c>; false when the text is not JSON (Python's ValueError).</summary>
    public static bool TryLoads(string? text, out JsonNode? value)
    {
        value = null;
        if (text is null) return false;
        try
        {
            // Python accepts surrounding whitespace and any top-level value, as JsonNode.Parse does.
            value = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // Duplicate keys: python keeps the last one; such blobs are rare enough to treat as invalid.
            return false;
        }
    }

    private static void Append(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in o)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    AppendString(sb, k);
                    sb.Append(": ");
                    Append(sb, v);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Append(sb, a[i]);
                }
                sb.Append(']');
                break;
            default:
                AppendValue(sb, node.AsValue());
                break;
        }
    }

    private static void AppendValue(StringBuilder sb, JsonValue v)
    {
        switch (v.GetValueKind())
        {
            case JsonValueKind.String:
                AppendString(sb, v.GetValue<string>());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Number:
                sb.Append(Number(v.ToJsonString()));
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    /// <summary>Python reads a literal without '.', 'e' or 'E' as an int (written back unchanged) and anything else as a
    /// float, written with repr(). The float form here is close to repr() (shortest round trip), which is all a blob needs.</summary>
    private static string Number(string literal)
    {
        if (literal.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
            return literal == "-0" ? "0" : literal;
        var d = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(d)) return d > 0 ? "Infinity" : "-Infinity";
        var r = d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
        if (!r.Contains('.') && !r.Contains('e')) r += ".0";
        return r;
    }

    private static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < ' ' || c > '~')
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
