using System.Text.Json;
using SharpStack.Core.Policy;

namespace SharpStack.Core.Tests.Policy;

/// <summary>Turns the JSON of the upstream fixtures into credentials and targets.</summary>
internal static class PolicyTestData
{
    public static JsonDocument LoadFixture(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Policy", "Upstream", fileName);
        return JsonDocument.Parse(File.ReadAllText(path));
    }

    /// <summary>JSON -> plain CLR values (Dictionary, List, string, long, double, bool, null).</summary>
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

    public static Dictionary<string, object?> Target(JsonElement e) =>
        (Dictionary<string, object?>)ToClr(e)!;

    /// <summary>Builds credentials from an oslo creds dict; non-standard keys go to Extra.</summary>
    public static PolicyCredentials Credentials(JsonElement e)
    {
        string? S(string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        List<string> L(string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.GetString()!).ToList()
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
        foreach (var p in e.EnumerateObject())
        {
            if (PolicyCredentials.FieldOf(p.Name) == CredentialField.None)
            {
                creds.Extra[p.Name] = ToClr(p.Value);
            }
        }
        return creds;
    }
}
