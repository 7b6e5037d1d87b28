using SharpStack.Core.Microversions;
using SharpStack.Placement.Api.Http;

namespace SharpStack.Placement.Queries;

/// <summary>The <c>required</c> parameters (upstream util.normalize_traits_qs_param[s]): "A,B,!C" (forbidden from
/// 1.22), "in:A,B" any-of (1.39), repeatable from 1.39 (below, only the last occurrence counts).</summary>
public static class TraitsParam
{
    private const string Invalid = "Invalid query string parameters: ";

    /// <summary>Parses one value into AND'ed any-of sets and forbidden names.</summary>
    public static (List<HashSet<string>> Required, HashSet<string> Forbidden) Parse(string value, bool allowForbidden, bool allowAnyTraits)
    {
        if (value.StartsWith("in:", StringComparison.Ordinal))
        {
            if (!allowAnyTraits)
                throw PlacementErrors.BadRequest(Invalid + $"The format 'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' only supported since microversion 1.39. Got: {value}");
            var any = new HashSet<string>(value[3..].Split(',').Select(PyStrip), StringComparer.Ordinal);
            if (any.Any(t => t.Length == 0))
                throw PlacementErrors.BadRequest(Invalid + $"Expected 'required' parameter value of the form: in:HW_CPU_X86_VMX,CUSTOM_MAGIC. Got an empty trait in: {value}");
            if (any.Any(t => t.StartsWith('!')))
                throw PlacementErrors.BadRequest(Invalid + $"The format 'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' does not support forbidden traits. Got: {value}");
            return ([any], new HashSet<string>(StringComparer.Ordinal));
        }
        var all = value.Split(',').Select(PyStrip).ToList();
        // Any number of leading '!' mean "forbidden" (upstream keeps that bug for compatibility).
        var forbidden = new HashSet<string>(all.Where(t => t.StartsWith('!')).Select(t => t.TrimStart('!')), StringComparer.Ordinal);
        if (all.Any(t => t.Length == 0) || forbidden.Any(t => t.Length == 0))
        {
            var form = allowForbidden ? "HW_CPU_X86_VMX,!CUSTOM_MAGIC" : "HW_CPU_X86_VMX,CUSTOM_MAGIC";
            throw PlacementErrors.BadRequest(Invalid + $"Expected 'required' parameter value of the form: {form}. Got an empty trait in: {value}");
        }
        var required = all.Where(t => !t.StartsWith('!')).Select(t => new HashSet<string>(StringComparer.Ordinal) { t }).ToList();
        if (forbidden.Count > 0 && !allowForbidden)
            throw PlacementErrors.BadRequest(Invalid + $"Expected 'required' parameter value of the form: HW_CPU_X86_VMX,CUSTOM_MAGIC. Got: {value}");
        return (required, forbidden);
    }

    /// <summary>Every <c>required{suffix}</c> of the query, by the microversion's rules.</summary>
    public static (List<HashSet<string>> Required, HashSet<string> Forbidden) ParseAll(QueryParams query, string suffix, Microversion version)
    {
        var allowForbidden = version >= new Microversion(1, 22);
        var allowAny = version >= new Microversion(1, 39);
        var values = query.GetAll("required" + suffix);
        if (!allowAny && values.Count > 1) values = values[^1..];
        var required = new List<HashSet<string>>();
        var forbidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var (r, f) = Parse(value, allowForbidden, allowAny);
            required.AddRange(r);
            forbidden.UnionWith(f);
        }
        return (required, forbidden);
    }

    /// <summary>root_required's flat form (no "in:"): required names, forbidden names, and names that are both.</summary>
    public static (HashSet<string> Required, HashSet<string> Forbidden, List<string> Conflicts) ParseFlat(string value)
    {
        var (required, forbidden) = Parse(value, allowForbidden: true, allowAnyTraits: false);
        var names = new HashSet<string>(required.Select(s => s.First()), StringComparer.Ordinal);
        return (names, forbidden, forbidden.Where(names.Contains).ToList());
    }

    /// <summary>Python's str.strip(): whitespace both sides.</summary>
    internal static string PyStrip(string s) => s.Trim();
}
