namespace SharpStack.Identity.Storage.Entities;

/// <summary>A role: global (DomainId = <see cref="GlobalDomain"/>) or domain-specific.</summary>
public sealed class RoleRow
{
    /// <summary>Stored for global roles so that (name, domain_id) stays unique, as Keystone does.</summary>
    public const string GlobalDomain = "<<null>>";

    public required string Id { get; set; }
    public required string Name { get; set; }
    public string DomainId { get; set; } = GlobalDomain;
    public string? Description { get; set; }
    public string? Extra { get; set; }
    public string? Options { get; set; }
}

/// <summary>"Having the prior role implies having the implied role."</summary>
public sealed class ImpliedRoleRow
{
    public required string PriorRoleId { get; set; }
    public required string ImpliedRoleId { get; set; }
}
