namespace SharpStack.Identity.Catalog;

/// <summary>Endpoint URL substitutions ($(project_id)s, %(tenant_id)s, %(user_id)s, …) as Keystone's format_url and
/// check_endpoint_url do them: Python %-formatting over a whitelist of keys.</summary>
public static class EndpointUrl
{
    /// <summary>The keys an endpoint URL may use (keystone.common.utils.WHITELISTED_PROPERTIES).</summary>
    public static readonly IReadOnlySet<string> AllowedKeys = new HashSet<string>
    {
        "tenant_id", "project_id", "user_id", "public_bind_host", "admin_bind_host", "compute_host", "admin_port", "public_port", "public_endpoint",
    };

    /// <summary>Formats <paramref name="url"/> for a catalog. Returns null when the endpoint must be left out: it names
    /// project_id/tenant_id but there is no project (domain- or system-scoped catalogs), or it is malformed.</summary>
    /// <param name="publicEndpoint">[identity] public_endpoint, which Keystone substitutes for $(public_endpoint)s (None when unset).</param>
    public static string? Format(string url, string userId, string? projectId, string? publicEndpoint = null)
    {
        if (!url.Contains('%') && !url.Contains("$(", StringComparison.Ordinal)) return url;
        bool Lookup(string key, out object? value)
        {
            value = null;
            if (!AllowedKeys.Contains(key)) return false;
            switch (key)
            {
                case "tenant_id" or "project_id":
                    value = projectId;
                    return projectId is not null;
                case "user_id":
                    value = userId;
                    return true;
                // Keystone's defaults for the eventlet-era options it still substitutes.
                case "public_bind_host" or "admin_bind_host":
                    value = "0.0.0.0";
                    return true;
                case "admin_port":
                    value = 35357L;
                    return true;
                case "public_port":
                    value = 5000L;
                    return true;
                case "public_endpoint":
                    value = publicEndpoint;
                    return true;
                default:
                    return false; // compute_host: whitelisted but no longer an option, so a KeyError upstream.
            }
        }
        return PercentFormat.Apply(url.Replace("$(", "%(", StringComparison.Ordinal), Lookup, out var result) == PercentFormatOutcome.Ok
            ? result
            : null;
    }

    /// <summary>check_endpoint_url: every substitution names a whitelisted key and formats with empty strings.</summary>
    public static bool IsValid(string url)
    {
        static bool Lookup(string key, out object? value)
        {
            value = "";
            return AllowedKeys.Contains(key);
        }
        var outcome = PercentFormat.Apply(url.Replace("$(", "%(", StringComparison.Ordinal), Lookup, out _);
        return outcome is PercentFormatOutcome.Ok or PercentFormatOutcome.Unrepresentable;
    }
}
