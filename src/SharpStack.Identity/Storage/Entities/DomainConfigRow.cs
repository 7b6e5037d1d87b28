namespace SharpStack.Identity.Storage.Entities;

/// <summary>One option of a domain-specific configuration (/v3/domains/{id}/config).</summary>
public sealed class DomainConfigRow
{
    public required string DomainId { get; set; }
    public required string Group { get; set; }
    public required string Option { get; set; }

    /// <summary>The value as JSON.</summary>
    public required string Value { get; set; }

    /// <summary>Sensitive options (passwords) are never returned by the API.</summary>
    public bool Sensitive { get; set; }
}
