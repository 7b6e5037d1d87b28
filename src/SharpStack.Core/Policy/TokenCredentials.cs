namespace SharpStack.Core.Policy;

/// <summary>
/// Builds the credentials every service enforces its rules with: oslo.context's policy values for the
/// token's user and scope, plus the rendered token body under <c>token</c> (keystone's rules read
/// <c>token.domain.id</c>, <c>token.project.domain.id</c> and friends from it).
/// </summary>
public static class TokenCredentials
{
    /// <summary>A project-scoped token.</summary>
    public static PolicyCredentials ForProject(
        string userId, string userDomainId, string projectId, string projectDomainId, IEnumerable<string> roles) =>
        Create(userId, userDomainId, roles, projectId: projectId, projectDomainId: projectDomainId);

    /// <summary>A domain-scoped token (keystone sets is_admin_project to false for these).</summary>
    public static PolicyCredentials ForDomain(string userId, string userDomainId, string domainId, IEnumerable<string> roles) =>
        Create(userId, userDomainId, roles, domainId: domainId);

    /// <summary>A system-scoped token (<c>system_scope = all</c>).</summary>
    public static PolicyCredentials ForSystem(string userId, string userDomainId, IEnumerable<string> roles) =>
        Create(userId, userDomainId, roles, system: true);

    /// <summary>
    /// General form. Exactly one of project, domain or system scope should be given (none means an
    /// unscoped token, which policy treats as project scope with no project). <paramref name="token"/>
    /// replaces the generated token body when the caller has the real rendered token.
    /// </summary>
    public static PolicyCredentials Create(
        string? userId,
        string? userDomainId,
        IEnumerable<string> roles,
        string? projectId = null,
        string? projectDomainId = null,
        string? domainId = null,
        bool system = false,
        IReadOnlyDictionary<string, object?>? token = null)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var roleList = roles.ToList();
        var credentials = new PolicyCredentials
        {
            UserId = userId,
            UserDomainId = userDomainId,
            SystemScope = system ? "all" : null,
            DomainId = string.IsNullOrEmpty(domainId) ? null : domainId,
            ProjectId = projectId,
            ProjectDomainId = projectDomainId,
            Roles = roleList,
            IsAdminProject = string.IsNullOrEmpty(domainId),
        };
        credentials.Extra["token"] = token ?? RenderToken(userId, userDomainId, roleList, projectId, projectDomainId, domainId, system);
        return credentials;
    }

    /// <summary>The parts of a v3 token body that policy rules can refer to.</summary>
    public static Dictionary<string, object?> RenderToken(
        string? userId,
        string? userDomainId,
        IReadOnlyList<string> roles,
        string? projectId,
        string? projectDomainId,
        string? domainId,
        bool system)
    {
        var token = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["user"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = userId,
                ["domain"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = userDomainId },
            },
        };
        var roleRefs = roles.Select(r => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = r }).ToList();
        if (system)
        {
            token["system"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["all"] = true };
            token["roles"] = roleRefs;
        }
        else if (!string.IsNullOrEmpty(domainId))
        {
            token["domain"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = domainId };
            token["roles"] = roleRefs;
        }
        else if (!string.IsNullOrEmpty(projectId))
        {
            token["project"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = projectId,
                ["domain"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = projectDomainId },
            };
            token["is_domain"] = false;
            token["roles"] = roleRefs;
        }
        return token;
    }
}
