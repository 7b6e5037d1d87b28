namespace SharpStack.Identity.Storage.Entities;

/// <summary>A user of the identity backend (local users: name, password history, lockout counters).</summary>
public sealed class UserRow
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string DomainId { get; set; }
    public bool Enabled { get; set; } = true;
    public string? DefaultProjectId { get; set; }

    /// <summary>Attributes beyond the schema (email, description, …) as a JSON object.</summary>
    public string? Extra { get; set; }

    /// <summary>User options (ignore_password_expiry, multi_factor_auth_rules, …) as a JSON object.</summary>
    public string? Options { get; set; }
    public DateTime? CreatedAt { get; set; }
    public DateTime? LastActiveAt { get; set; }
    public int FailedAuthCount { get; set; }
    public DateTime? FailedAuthAt { get; set; }
}

/// <summary>One password of a user; the newest is current, older ones form the history for password_unique_last_n.</summary>
public sealed class PasswordRow
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public string? PasswordHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }

    /// <summary>True when the user set it themselves (POST /v3/users/{id}/password).</summary>
    public bool SelfService { get; set; }
}

/// <summary>A group of users in a domain.</summary>
public sealed class GroupRow
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string DomainId { get; set; }
    public string? Description { get; set; }
    public string? Extra { get; set; }
}

/// <summary>A user's membership of a group.</summary>
public sealed class GroupMembershipRow
{
    public required string UserId { get; set; }
    public required string GroupId { get; set; }
}
