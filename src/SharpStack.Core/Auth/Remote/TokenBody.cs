using System.Globalization;
using System.Text.Json.Nodes;

namespace SharpStack.Core.Auth.Remote;

/// <summary>Reads a Keystone v3 token body into the caller's <see cref="AuthContext"/>.</summary>
public static class TokenBody
{
    public static AuthContext ToContext(JsonObject token, string tokenString)
    {
        static string? S(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var user = token["user"] as JsonObject ?? [];
        var project = token["project"] as JsonObject;
        var domain = token["domain"] as JsonObject;
        var roles = (token["roles"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var trust = token["OS-TRUST:trust"] as JsonObject;
        return new AuthContext
        {
            UserId = S(user["id"]) ?? "",
            UserName = S(user["name"]),
            UserDomainId = S(user["domain"]?["id"]),
            UserDomainName = S(user["domain"]?["name"]),
            ProjectId = S(project?["id"]),
            ProjectName = S(project?["name"]),
            ProjectDomainId = S(project?["domain"]?["id"]),
            ProjectDomainName = S(project?["domain"]?["name"]),
            DomainId = S(domain?["id"]),
            DomainName = S(domain?["name"]),
            SystemScope = token["system"] is JsonObject ? "all" : null,
            Roles = roles.Select(r => S(r["name"]) ?? "").ToList(),
            RoleIds = roles.Select(r => S(r["id"]) ?? "").ToList(),
            IsAdminProject = token["is_admin_project"] is not JsonValue a || !a.TryGetValue<bool>(out var b) || b,
            Methods = (token["methods"] as JsonArray ?? []).Select(m => S(m) ?? "").ToList(),
            AuditIds = (token["audit_ids"] as JsonArray ?? []).Select(m => S(m) ?? "").ToList(),
            ExpiresAt = Time(S(token["expires_at"])),
            IssuedAt = Time(S(token["issued_at"])),
            TrustId = S(trust?["id"]),
            TrusteeUserId = S(trust?["trustee_user"]?["id"]),
            TrustorUserId = S(trust?["trustor_user"]?["id"]),
            ApplicationCredentialId = S(token["application_credential"]?["id"]),
            Token = tokenString,
        };
    }

    private static DateTimeOffset Time(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : default;
}
