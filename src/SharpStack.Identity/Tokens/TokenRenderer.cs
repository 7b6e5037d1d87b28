using System.Text.Json.Nodes;
using SharpStack.Identity.Common;

namespace SharpStack.Identity.Tokens;

/// <summary>Renders <see cref="TokenData"/> as Keystone's {"token": {…}} body.</summary>
public static class TokenRenderer
{
    public static JsonObject Render(TokenData t, JsonArray? catalog)
    {
        var token = new JsonObject
        {
            ["methods"] = new JsonArray(t.Payload.Methods.Select(m => (JsonNode?)m).ToArray()),
            ["user"] = new JsonObject
            {
                ["domain"] = new JsonObject { ["id"] = t.User.DomainId, ["name"] = t.User.DomainName },
                ["id"] = t.User.Id,
                ["name"] = t.User.Name,
                ["password_expires_at"] = t.User.PasswordExpiresAt is { } pe ? Timestamps.WithMicroseconds(pe) : null,
            },
            ["audit_ids"] = new JsonArray(t.Payload.AuditIds.Select(a => (JsonNode?)a).ToArray()),
            ["expires_at"] = Timestamps.WithMicroseconds(TruncateToSeconds(t.Payload.ExpiresAt)),
            ["issued_at"] = Timestamps.WithMicroseconds(t.Payload.IssuedAt),
        };
        if (t.System)
        {
            token["roles"] = Roles(t);
            token["system"] = new JsonObject { ["all"] = true };
        }
        else if (t.Domain is { } d)
        {
            token["domain"] = new JsonObject { ["id"] = d.Id, ["name"] = d.Name };
            token["roles"] = Roles(t);
        }
        else if (t.Trust is { } trust)
        {
            token["OS-TRUST:trust"] = new JsonObject
            {
                ["id"] = trust.Id,
                ["trustor_user"] = new JsonObject { ["id"] = trust.TrustorUserId },
                ["trustee_user"] = new JsonObject { ["id"] = trust.TrusteeUserId },
                ["impersonation"] = trust.Impersonation,
            };
            if (t.Project is { } tp) token["project"] = Project(tp);
            token["roles"] = Roles(t);
        }
        else if (t.Project is { } p)
        {
            token["project"] = Project(p);
            token["is_domain"] = p.IsDomain;
            token["roles"] = Roles(t);
            if (t.IsAdminProject is { } admin) token["is_admin_project"] = admin;
        }
        if (catalog is not null && !t.IsUnscoped)
            token["catalog"] = catalog;
        if (t.ServiceProviders.Count > 0)
        {
            var sps = new JsonArray();
            foreach (var sp in t.ServiceProviders)
                sps.Add(new JsonObject { ["auth_url"] = sp.AuthUrl, ["id"] = sp.Id, ["sp_url"] = sp.SpUrl });
            token["service_providers"] = sps;
        }
        if (t.OAuth is { } o)
            token["OS-OAUTH1"] = new JsonObject { ["access_token_id"] = o.AccessTokenId, ["consumer_id"] = o.ConsumerId };
        if (t.ApplicationCredential is { } ac)
        {
            var node = new JsonObject { ["id"] = ac.Id, ["name"] = ac.Name, ["restricted"] = ac.Restricted };
            if (ac.AccessRules is { Count: > 0 } rules) node["access_rules"] = rules.DeepClone();
            token["application_credential"] = node;
        }
        return new JsonObject { ["token"] = token };
    }

    private static JsonObject Project(TokenProject p) => new()
    {
        ["domain"] = new JsonObject { ["id"] = p.DomainId, ["name"] = p.DomainName },
        ["id"] = p.Id,
        ["name"] = p.Name,
    };

    private static JsonArray Roles(TokenData t)
    {
        var roles = new JsonArray();
        foreach (var r in t.Roles) roles.Add(new JsonObject { ["id"] = r.Id, ["name"] = r.Name });
        return roles;
    }

    public static DateTimeOffset TruncateToSeconds(DateTimeOffset t) =>
        new(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, t.Offset);
}
