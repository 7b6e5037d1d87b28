namespace SharpStack.Identity.Assignments;

/// <summary>A role as tokens show it: id and name (plus its domain for domain-specific roles).</summary>
public sealed record RoleRef(string Id, string Name, string? DomainId = null);
