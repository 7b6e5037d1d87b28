namespace SharpStack.Core.Policy;

/// <summary>Token scope names, as used in <c>scope_types</c>.</summary>
public static class PolicyScopes
{
    public const string System = "system";
    public const string Domain = "domain";
    public const string Project = "project";
}

internal enum CredentialField
{
    None,
    UserId,
    UserDomainId,
    SystemScope,
    System,
    DomainId,
    ProjectId,
    ProjectDomainId,
    Roles,
    IsAdminProject,
    ServiceUserId,
    ServiceUserDomainId,
    ServiceProjectId,
    ServiceProjectDomainId,
    ServiceRoles,
}

/// <summary>
/// Who is making the request: the values oslo.context's <c>to_policy_values()</c> puts in the
/// credentials dict, plus whatever a service adds (keystone adds the rendered token as <c>token</c>).
/// <para>
/// Standard keys (usable as the kind of a generic check, e.g. <c>project_id:%(project_id)s</c>):
/// <c>user_id</c>, <c>user_domain_id</c>, <c>system_scope</c>, <c>system</c> (present only when
/// <c>system_scope</c> is set, as oslo.policy adds it), <c>domain_id</c>, <c>project_id</c>,
/// <c>project_domain_id</c>, <c>roles</c>, <c>is_admin_project</c>, <c>service_user_id</c>,
/// <c>service_user_domain_id</c>, <c>service_project_id</c>, <c>service_project_domain_id</c>,
/// <c>service_roles</c>. A standard key whose value is null is present and renders as <c>None</c>,
/// exactly like oslo (so <c>domain_id:%(x)s</c> matches a target value of null for an unscoped field).
/// </para>
/// <para>
/// Anything else goes in <see cref="Extra"/>: either nested (<c>Extra["token"] = {"domain": {"id": ..}}</c>,
/// dictionaries, lists or <see cref="System.Text.Json.JsonElement"/>) or flattened with dotted keys
/// (<c>Extra["token.project.domain.id"] = "..."</c>). Keystone-specific keys: <c>token</c> (the rendered
/// token body: <c>token.user.id</c>, <c>token.user.domain.id</c>, <c>token.project.id</c>,
/// <c>token.project.domain.id</c>, <c>token.domain.id</c>, <c>token.system.all</c>, <c>token.roles</c>...),
/// <c>trust_id</c>, <c>trustor_id</c>, <c>trustee_id</c>, <c>domain_name</c>, <c>group_ids</c>,
/// and <c>is_admin</c> (only for deployments that still rely on <c>is_admin:1</c>).
/// </para>
/// </summary>
public sealed class PolicyCredentials
{
    private static readonly string[] NoRoles = [];

    private readonly string[] _roles = NoRoles;
    private readonly string[] _serviceRoles = NoRoles;
    private readonly Dictionary<string, object?> _extra = new(StringComparer.Ordinal);

    public string? UserId { get; init; }

    public string? UserDomainId { get; init; }

    /// <summary>"all" for a system-scoped token; null otherwise.</summary>
    public string? SystemScope { get; init; }

    /// <summary>The domain of a domain-scoped token.</summary>
    public string? DomainId { get; init; }

    public string? ProjectId { get; init; }

    public string? ProjectDomainId { get; init; }

    /// <summary>Role names of the token (with implied roles expanded). Role checks ignore case.</summary>
    public IReadOnlyList<string> Roles
    {
        get => _roles;
        init => _roles = value is null ? NoRoles : [.. value];
    }

    /// <summary>oslo.context defaults this to true; keystone sets false for domain-scoped tokens.</summary>
    public bool IsAdminProject { get; init; } = true;

    public string? ServiceUserId { get; init; }

    public string? ServiceUserDomainId { get; init; }

    public string? ServiceProjectId { get; init; }

    public string? ServiceProjectDomainId { get; init; }

    public IReadOnlyList<string> ServiceRoles
    {
        get => _serviceRoles;
        init => _serviceRoles = value is null ? NoRoles : [.. value];
    }

    /// <summary>Additional credential values (nested or dotted keys), e.g. <c>token</c>.</summary>
    public IDictionary<string, object?> Extra => _extra;

    internal int ExtraCount => _extra.Count;

    internal IReadOnlyDictionary<string, object?> ExtraView => _extra;

    /// <summary>
    /// The token's scope, decided like oslo.policy: system when <c>system_scope</c> is set, else domain
    /// when <c>domain_id</c> is set, else project (which includes unscoped tokens).
    /// </summary>
    public string TokenScope =>
        !string.IsNullOrEmpty(SystemScope) ? PolicyScopes.System
        : !string.IsNullOrEmpty(DomainId) ? PolicyScopes.Domain
        : PolicyScopes.Project;

    /// <summary>Case-insensitive role membership (a <c>role:</c> check).</summary>
    public bool HasRole(string role)
    {
        var roles = _roles;
        for (var i = 0; i < roles.Length; i++)
        {
            if (string.Equals(roles[i], role, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Fluent helper: adds an extra value and returns this instance.</summary>
    public PolicyCredentials With(string key, object? value)
    {
        _extra[key] = value;
        return this;
    }

    /// <summary>The credentials as the dict oslo.policy would see (for logging and tooling).</summary>
    public IReadOnlyDictionary<string, object?> ToDictionary()
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in _extra)
        {
            d[key] = value;
        }
        d["user_id"] = UserId;
        d["user_domain_id"] = UserDomainId;
        d["system_scope"] = SystemScope;
        d["domain_id"] = DomainId;
        d["project_id"] = ProjectId;
        d["project_domain_id"] = ProjectDomainId;
        d["roles"] = _roles;
        d["is_admin_project"] = IsAdminProject;
        d["service_user_id"] = ServiceUserId;
        d["service_user_domain_id"] = ServiceUserDomainId;
        d["service_project_id"] = ServiceProjectId;
        d["service_project_domain_id"] = ServiceProjectDomainId;
        d["service_roles"] = _serviceRoles;
        if (!string.IsNullOrEmpty(SystemScope))
        {
            d["system"] = SystemScope;
        }
        return d;
    }

    internal static CredentialField FieldOf(string key) => key switch
    {
        "user_id" => CredentialField.UserId,
        "user_domain_id" => CredentialField.UserDomainId,
        "system_scope" => CredentialField.SystemScope,
        "system" => CredentialField.System,
        "domain_id" => CredentialField.DomainId,
        "project_id" => CredentialField.ProjectId,
        "project_domain_id" => CredentialField.ProjectDomainId,
        "roles" => CredentialField.Roles,
        "is_admin_project" => CredentialField.IsAdminProject,
        "service_user_id" => CredentialField.ServiceUserId,
        "service_user_domain_id" => CredentialField.ServiceUserDomainId,
        "service_project_id" => CredentialField.ServiceProjectId,
        "service_project_domain_id" => CredentialField.ServiceProjectDomainId,
        "service_roles" => CredentialField.ServiceRoles,
        _ => CredentialField.None,
    };

    /// <summary>False only for <c>system</c> when the token is not system scoped (the key is absent).</summary>
    internal bool TryGetField(CredentialField field, out object? value)
    {
        value = field switch
        {
            CredentialField.UserId => UserId,
            CredentialField.UserDomainId => UserDomainId,
            CredentialField.SystemScope => SystemScope,
            CredentialField.System => SystemScope,
            CredentialField.DomainId => DomainId,
            CredentialField.ProjectId => ProjectId,
            CredentialField.ProjectDomainId => ProjectDomainId,
            CredentialField.Roles => _roles,
            CredentialField.IsAdminProject => IsAdminProject ? BoxedTrue : BoxedFalse,
            CredentialField.ServiceUserId => ServiceUserId,
            CredentialField.ServiceUserDomainId => ServiceUserDomainId,
            CredentialField.ServiceProjectId => ServiceProjectId,
            CredentialField.ServiceProjectDomainId => ServiceProjectDomainId,
            CredentialField.ServiceRoles => _serviceRoles,
            _ => null,
        };
        return field != CredentialField.None && (field != CredentialField.System || !string.IsNullOrEmpty(SystemScope));
    }

    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;
}
