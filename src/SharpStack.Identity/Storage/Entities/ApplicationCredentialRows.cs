namespace SharpStack.Identity.Storage.Entities;

/// <summary>An application credential: a secret a user creates to authenticate as themselves on one project with chosen roles.</summary>
public sealed class ApplicationCredentialRow
{
    public long InternalId { get; set; }
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string SecretHash { get; set; }
    public string? Description { get; set; }
    public required string UserId { get; set; }
    public string? ProjectId { get; set; }
    public string? System { get; set; }
    public DateTime? ExpiresAt { get; set; }
    /// <summary>Null when not given at creation (shown as null, restricted), as Keystone stores it.</summary>
    public bool? Unrestricted { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A role an application credential carries.</summary>
public sealed class ApplicationCredentialRoleRow
{
    public long ApplicationCredentialId { get; set; }
    public required string RoleId { get; set; }
}

/// <summary>An access rule (service, path, method) limiting what an application credential may call.</summary>
public sealed class AccessRuleRow
{
    public long InternalId { get; set; }
    public required string Id { get; set; }
    public string? Service { get; set; }
    public string? Path { get; set; }
    public string? Method { get; set; }
    public string? UserId { get; set; }
}

/// <summary>Links an application credential to an access rule.</summary>
public sealed class ApplicationCredentialAccessRuleRow
{
    public long ApplicationCredentialId { get; set; }
    public long AccessRuleId { get; set; }
}
