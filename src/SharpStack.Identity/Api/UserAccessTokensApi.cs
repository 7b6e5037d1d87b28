using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SharpStack.Core.Errors;
using SharpStack.Core.Policy;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Common;
using SharpStack.Identity.OAuth1;
using SharpStack.Identity.Policies;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Api;

/// <summary>/v3/users/{user_id}/OS-OAUTH1/access_tokens: a user's OAuth1 access tokens and the roles they delegate.</summary>
public static class UserAccessTokensApi
{
    private const string Collection = "/users/{userId}/OS-OAUTH1/access_tokens";

    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapGetHead(Collection, async (string userId, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, OAuthTokenManager tokens) =>
        {
            var caller = authz.Enforce(context, IdentityPolicyNames.ListAccessTokens, new PolicyTarget().Set("user_id", userId));
            guards.BlockForOAuth(caller);
            var rows = await tokens.ListAccessTokensAsync(userId, context.RequestAborted);
            return KeystoneResponse.Collection(context, "access_tokens", rows.Select(r => Render(r, context)));
        });
        v3.MapGetHead(Collection + "/{id}", async (string userId, string id, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, OAuthTokenManager tokens) =>
        {
            var caller = authz.Enforce(context, IdentityPolicyNames.GetAccessToken, Target(userId, id));
            guards.BlockForOAuth(caller);
            var token = await tokens.FindAccessTokenAsync(id, context.RequestAborted);
            if (token.AuthorizingUserId != userId) throw NotFoundUntargeted();
            return KeystoneResponse.Entity("access_token", Render(token, context));
        });
        v3.MapDelete(Collection + "/{id}", async (string userId, string id, HttpContext context, IdentityAuthorizer authz, DelegationGuards guards, OAuthTokenManager tokens) =>
        {
            // Keystone enforces identity:ec2_delete_credential here (with no credential in the target): admins only.
            var caller = authz.Enforce(context, IdentityPolicyNames.Ec2DeleteCredential, Target(userId, id));
            guards.BlockForOAuth(caller);
            await tokens.DeleteAccessTokenAsync(userId, id, context.RequestAborted);
            return Results.NoContent();
        });
        v3.MapGetHead(Collection + "/{id}/roles", async (string userId, string id, HttpContext context, IdentityAuthorizer authz, OAuthTokenManager tokens, DelegatedRoles roles) =>
        {
            authz.Enforce(context, IdentityPolicyNames.ListAccessTokenRoles, Target(userId, id));
            var token = await tokens.FindAccessTokenAsync(id, context.RequestAborted);
            if (token.AuthorizingUserId != userId) throw NotFoundUntargeted();
            var items = new List<JsonNode>();
            foreach (var roleId in OAuthTokenManager.RoleIds(token))
                items.Add(RenderRole(await RoleAsync(roles, roleId, context), context));
            return KeystoneResponse.Collection(context, "roles", items);
        });
        v3.MapGetHead(Collection + "/{id}/roles/{roleId}", async (string userId, string id, string roleId, HttpContext context, IdentityAuthorizer authz,
            OAuthTokenManager tokens, DelegatedRoles roles) =>
        {
            var target = Target(userId, id).Set("role_id", roleId);
            authz.Enforce(context, IdentityPolicyNames.GetAccessTokenRole, target);
            var token = await tokens.FindAccessTokenAsync(id, context.RequestAborted);
            if (token.AuthorizingUserId != userId) throw ApiException.Unauthorized();
            if (!OAuthTokenManager.RoleIds(token).Contains(roleId)) throw ApiException.NotFound($"Could not find role: {roleId}.");
            return KeystoneResponse.Entity("role", RenderRole(await RoleAsync(roles, roleId, context), context));
        });
    }

    private static PolicyTarget Target(string userId, string accessTokenId) =>
        new PolicyTarget().Set("user_id", userId).Set("access_token_id", accessTokenId);

    /// <summary>Keystone raises a bare NotFound here, whose text is its unformatted template.</summary>
    private static ApiException NotFoundUntargeted() => ApiException.NotFound("Could not find: %(target)s.");

    private static async Task<RoleRow> RoleAsync(DelegatedRoles roles, string roleId, HttpContext context) =>
        (await roles.RowsAsync([roleId], context.RequestAborted)).FirstOrDefault() ?? throw ApiException.NotFound($"Could not find role: {roleId}.");

    /// <summary>The role as access tokens show it: Keystone drops description and enabled.</summary>
    private static JsonObject RenderRole(RoleRow role, HttpContext context)
    {
        var o = DelegatedRoles.Render(role);
        o.Remove("description");
        o.Remove("enabled");
        return o.WithSelfLink(context, "roles/" + role.Id);
    }

    /// <summary>id, authorizing_user_id, project_id, consumer_id, expires_at, and links to itself and its roles.</summary>
    public static JsonObject Render(AccessTokenRow t, HttpContext context)
    {
        var self = $"{KeystoneResponse.BaseUrl(context)}/v3/users/{t.AuthorizingUserId}/OS-OAUTH1/access_tokens/{t.Id}";
        return new JsonObject
        {
            ["id"] = t.Id,
            ["authorizing_user_id"] = t.AuthorizingUserId,
            ["project_id"] = t.ProjectId,
            ["consumer_id"] = t.ConsumerId,
            ["expires_at"] = t.ExpiresAt is { } e ? ExpirationDates.SecondsWithZeroMicros(e) : null,
            ["links"] = new JsonObject { ["roles"] = self + "/roles", ["self"] = self },
        };
    }
}
