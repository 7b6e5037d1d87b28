using System.Globalization;
using SharpStack.Placement.Api.Http;

namespace SharpStack.Placement.Queries;

/// <summary>The <c>resources</c> parameter: <c>RC:amount[,RC:amount…]</c> (upstream util.normalize_resources_qs_param).</summary>
public static class ResourcesParam
{
    private const string Form = "Badly formed resources parameter. Expected resources query string parameter in form: " +
        "?resources=VCPU:2,MEMORY_MB:1024. Got: ";

    /// <summary>Amounts by class name in request order; a class given twice keeps the last amount.</summary>
    public static Dictionary<string, long> Parse(string value)
    {
        if (value.Trim().Length == 0) throw PlacementErrors.BadRequest(Form + "empty string.");
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in value.Split(','))
        {
            var parts = item.Split(':');
            if (parts.Length != 2) throw PlacementErrors.BadRequest(Form + item + ".");
            var (name, text) = (parts[0], parts[1]);
            if (!TryPythonInt(text, out var amount))
                throw PlacementErrors.BadRequest($"Requested resource {name} expected positive integer amount. Got: {text}.");
            if (amount < 1)
                throw PlacementErrors.BadRequest($"Requested resource {name} requires amount >= 1. Got: {amount}.");
            result[name] = amount;
        }
        return result;
    }

    /// <summary>Python's int(str): surrounding whitespace, one sign, digits with single underscores between them.
    /// Values beyond the long range saturate (no provider can hold them anyway).</summary>
    internal static bool TryPythonInt(string text, out long value)
    {
        value = 0;
        var s = text.Trim();
        var negative = false;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.Length == 0 || s[0] == '_' || s[^1] == '_' || s.Contains("__", StringComparison.Ordinal)) return false;
        decimal acc = 0;
        foreach (var c in s)
        {
            if (c == '_') continue;
            var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
            if (digit < 0) return false;
            if (acc < long.MaxValue) acc = Math.Min(acc * 10 + digit, long.MaxValue);
        }
        value = negative ? -(long)acc : (long)acc;
        return true;
    }
}
