using SharpStack.Core.Microversions;
using SharpStack.Placement.Api.Http;

namespace SharpStack.Placement.Queries;

/// <summary>The <c>member_of</c> parameters (upstream util.normalize_member_of_qs_param[s]): "agg", "in:a,b" (any
/// of), repeatable from 1.24 (AND), "!agg"/"!in:a,b" forbidden from 1.32.</summary>
public static class MemberOfParam
{
    /// <summary>Parses one value into a required any-of set (empty when forbidden) and forbidden aggregates.</summary>
    public static (HashSet<string> Required, HashSet<string> Forbidden) Parse(string value)
    {
        if (value.Contains(',') && !(value.StartsWith("in:", StringComparison.Ordinal) || value.StartsWith("!in:", StringComparison.Ordinal)))
            throw PlacementErrors.BadRequest("Multiple values for 'member_of' must be prefixed with the 'in:' or '!in:' keyword " +
                $"using the valid microversion. Got: {value}");
        var required = new HashSet<string>(StringComparer.Ordinal);
        var forbidden = new HashSet<string>(StringComparer.Ordinal);
        if (value.StartsWith("!in:", StringComparison.Ordinal)) forbidden.UnionWith(value[4..].Split(','));
        else if (value.StartsWith('!')) forbidden.Add(value[1..]);
        else if (value.StartsWith("in:", StringComparison.Ordinal)) required.UnionWith(value[3..].Split(','));
        else required.Add(value);
        foreach (var agg in required.Concat(forbidden))
            if (!IsUuidLike(agg))
                throw PlacementErrors.BadRequest($"Invalid query string parameters: Expected 'member_of' parameter to contain valid UUID(s). Got: {agg}");
        return (required, forbidden);
    }

    /// <summary>Every <c>member_of{suffix}</c> of the query, by the microversion's rules.</summary>
    public static (List<HashSet<string>> Required, HashSet<string> Forbidden) ParseAll(QueryParams query, string suffix, Microversion version)
    {
        var values = query.GetAll("member_of" + suffix);
        if (version < new Microversion(1, 24) && values.Count > 1)
            throw PlacementErrors.BadRequest($"Multiple member_of{suffix} parameters are not supported");
        var allowForbidden = version >= new Microversion(1, 32);
        var required = new List<HashSet<string>>();
        var forbidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var (r, f) = Parse(value);
            if (r.Count > 0) required.Add(r);
            if (f.Count > 0)
            {
                if (!allowForbidden)
                    throw PlacementErrors.BadRequest($"Forbidden member_of{suffix} parameters are not supported in the specified microversion");
                forbidden.UnionWith(f);
            }
        }
        return (required, forbidden);
    }

    /// <summary>oslo's uuidutils.is_uuid_like.</summary>
    public static bool IsUuidLike(string value)
    {
        var hex = value.Replace("urn:", "").Replace("uuid:", "").Trim('{', '}').Replace("-", "");
        return hex.Length == 32 && hex.All(char.IsAsciiHexDigit);
    }
}

/// <summary>The <c>in_tree</c> parameter of GET /allocation_candidates (upstream util.normalize_in_tree_qs_params).
/// GET /resource_providers checks it with its schema's uuid format instead and uses the raw value.</summary>
public static class InTreeParam
{
    public static string Parse(string value)
    {
        var stripped = value.Trim();
        if (!MemberOfParam.IsUuidLike(stripped))
            throw PlacementErrors.BadRequest($"Invalid query string parameters: Expected 'in_tree' parameter to be a format of uuid. Got: {value}");
        return stripped;
    }
}
