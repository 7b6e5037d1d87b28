using SharpStack.Core.Errors;

namespace SharpStack.Identity.Resources;

/// <summary>Keystone's name rules of projects and domains: URL-safe names when configured, and the
/// reserved federated domain name.</summary>
public static class ResourceNames
{
    private const string UrlReserved = ":/?#[]@!$&'()*+,;=";

    /// <summary>Keystone's [federation] federated_domain_name default: no domain may be called this (any case).</summary>
    public const string FederatedDomainName = "Federated";

    /// <summary>Refuses a name with URL reserved characters unless <paramref name="mode"/> (…_name_url_safe) is "off".</summary>
    public static void CheckUrlSafe(string mode, string entity, string name)
    {
        if (mode == "off") return;
        var reserved = new string(name.Where(c => UrlReserved.Contains(c)).ToArray());
        if (reserved.Length > 0)
            throw ApiException.BadRequest($"{entity} name cannot contain the following reserved characters: {reserved}");
    }

    /// <summary>Upstream raises an AssertionError here (the connection drops); a 400 with its text is the honest answer.</summary>
    public static void CheckNotFederated(string? name, string id)
    {
        if (name is not null && string.Equals(name, FederatedDomainName, StringComparison.OrdinalIgnoreCase))
            throw ApiException.BadRequest($"Domain cannot be named {name}");
        if (string.Equals(id, FederatedDomainName, StringComparison.OrdinalIgnoreCase))
            throw ApiException.BadRequest($"Domain cannot have ID {id}");
    }


    /// <summary>Python's str.strip(): whitespace on both ends.</summary>
    public static string Strip(string name) => name.Trim();
}
