namespace SharpStack.Identity.Tokens.Formats;

/// <summary>Deployment settings that change how payloads are packed.</summary>
public sealed record TokenFormatterOptions
{
    /// <summary>[auth] methods; decides the method bitmask. Must match every node sharing the keys.</summary>
    public AuthMethodMap AuthMethods { get; init; } = AuthMethodMap.Default;

    /// <summary>[identity] default_domain_id: the one non-UUID domain id a domain-scoped token may carry.</summary>
    public string DefaultDomainId { get; init; } = "default";

    /// <summary>[DEFAULT] max_token_size: longer tokens are still issued, but logged (as Keystone does).</summary>
    public int MaxTokenSize { get; init; } = 255;
}
