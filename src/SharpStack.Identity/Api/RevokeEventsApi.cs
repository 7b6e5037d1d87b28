using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>GET /v3/OS-REVOKE/events[?since=…]: revocation events, which services' token caches poll so that a
/// revoked token stops working everywhere within seconds.</summary>
public static class RevokeEventsApi
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead("/OS-REVOKE/events", async (HttpContext context, IdentityAuthorizer authz, IdentityDb db) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListRevokeEvents);
            var query = db.RevocationEvents.AsQueryable();
            if (context.Request.Query.TryGetValue("since", out var since) && !string.IsNullOrEmpty(since))
            {
                if (!Timestamps.TryParse(since, out var from))
                    throw ApiException.BadRequest($"invalidate date format {since}");
                query = query.Where(e => e.RevokedAt > from);
            }
            var events = new JsonArray();
            foreach (var e in await query.OrderBy(e => e.RevokedAt).ThenBy(e => e.Id).ToListAsync(context.RequestAborted))
                events.Add(Render(e));
            return new SharpStack.Core.Http.JsonBodyResult(new JsonObject
            {
                ["events"] = events,
                ["links"] = new JsonObject
                {
                    ["next"] = null,
                    ["self"] = KeystoneResponse.BaseUrl(context) + "/v3/OS-REVOKE/events",
                    ["previous"] = null,
                },
            }, 200);
        });
    }

    private static JsonObject Render(RevocationEventRow e)
    {
        var o = new JsonObject();
        void Add(string key, string? value)
        {
            if (value is not null) o[key] = value;
        }
        Add("user_id", e.UserId);
        Add("role_id", e.RoleId);
        Add("domain_id", e.DomainId);
        Add("project_id", e.ProjectId);
        Add("audit_id", e.AuditId);
        Add("audit_chain_id", e.AuditChainId);
        Add("OS-TRUST:trust_id", e.TrustId);
        Add("OS-OAUTH1:consumer_id", e.ConsumerId);
        Add("OS-OAUTH1:access_token_id", e.AccessTokenId);
        if (e.ExpiresAt is { } exp) o["expires_at"] = Timestamps.WithMicroseconds(exp);
        o["issued_before"] = Timestamps.WithMicroseconds(e.IssuedBefore);
        o["revoked_at"] = Timestamps.WithMicroseconds(e.RevokedAt);
        return o;
    }
}
