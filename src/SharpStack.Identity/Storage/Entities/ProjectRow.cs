namespace SharpStack.Identity.Storage.Entities;

/// <summary>A project, or a domain (is_domain = true), in one table as Keystone keeps them.</summary>
public sealed class ProjectRow
{
    /// <summary>The domain_id of every domain: the hidden root that Keystone also uses.</summary>
    public const string RootDomainId = "<<keystone.domain.root>>";

    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string DomainId { get; set; }
    public string? Description { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Attributes beyond the schema, as a JSON object (Keystone's "extra").</summary>
    public string? Extra { get; set; }
    public string? ParentId { get; set; }
    public bool IsDomain { get; set; }

    /// <summary>Resource options (e.g. {"immutable": true}) as a JSON object.</summary>
    public string? Options { get; set; }
}

/// <summary>A tag on a project.</summary>
public sealed class ProjectTagRow
{
    public required string ProjectId { get; set; }
    public required string Name { get; set; }
}
