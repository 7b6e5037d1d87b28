using System.Text.Json;
using SharpStack.Core.Policy;
using SharpStack.Identity.Policies;

namespace SharpStack.Identity.Tests.Policies;

/// <summary>
/// Upstream/keystone_expectations.json, produced by Upstream/generate_keystone_expectations.py
/// running keystone 22.0.2's policy defaults through oslo.policy 4.0.0.
/// </summary>
internal static class KeystoneFixture
{
    private static readonly string[] StandardKeys =
    [
        "user_id", "user_domain_id", "system_scope", "domain_id", "project_id", "project_domain_id", "roles",
        "is_admin_project", "service_user_id", "service_user_domain_id", "service_project_id",
        "service_project_domain_id", "service_roles",
    ];

    private static readonly Lazy<JsonDocument> Doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Policies", "Upstream", "keystone_expectations.json"))));

    public static JsonElement Root => Doc.Value.RootElement;

    public static IReadOnlyList<string> PersonaOrder =>
        [.. Root.GetProperty("persona_order").EnumerateArray().Select(e => e.GetString()!)];

    public static IReadOnlyList<string> ScenarioOrder =>
        [.. Root.GetProperty("scenario_order").EnumerateArray().Select(e => e.GetString()!)];

    public static PolicyCredentials Persona(string name) => Credentials(Root.GetProperty("personas").GetProperty(name));

    public static Dictionary<string, object?> Scenario(string name) =>
        (Dictionary<string, object?>)ToClr(Root.GetProperty("scenarios").GetProperty(name))!;

    public static object? ToClr(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => ToClr(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => e.EnumerateArray().Select(ToClr).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public static PolicyCredentials Credentials(JsonElement e)
    {
        string? S(string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        List<string> L(string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(x => x.GetString()!)]
            : [];
        var creds = new PolicyCredentials
        {
            UserId = S("user_id"),
            UserDomainId = S("user_domain_id"),
            SystemScope = S("system_scope"),
            DomainId = S("domain_id"),
            ProjectId = S("project_id"),
            ProjectDomainId = S("project_domain_id"),
            Roles = L("roles"),
            IsAdminProject = !e.TryGetProperty("is_admin_project", out var iap) || iap.ValueKind != JsonValueKind.False,
            ServiceUserId = S("service_user_id"),
            ServiceUserDomainId = S("service_user_domain_id"),
            ServiceProjectId = S("service_project_id"),
            ServiceProjectDomainId = S("service_project_domain_id"),
            ServiceRoles = L("service_roles"),
        };
        foreach (var p in e.EnumerateObject().Where(p => !StandardKeys.Contains(p.Name)))
        {
            creds.Extra[p.Name] = ToClr(p.Value);
        }
        return creds;
    }

    public static PolicyEnforcer Enforcer(bool enforceScope, bool enforceNewDefaults, string? policyFile = null)
    {
        var enforcer = new PolicyEnforcer(new PolicyOptions
        {
            EnforceScope = enforceScope,
            EnforceNewDefaults = enforceNewDefaults,
            PolicyFile = policyFile,
            ReloadCheckInterval = null,
        });
        KeystonePolicies.RegisterAll(enforcer);
        enforcer.Load();
        return enforcer;
    }

    public static char Verdict(PolicyResult result) => result.Decision switch
    {
        PolicyDecision.Allowed => '1',
        PolicyDecision.ScopeMismatch => 'S',
        _ => '0',
    };
}
