using System.Text;
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

namespace SharpStack.Identity.Api;

/// <summary>/v3/OS-OAUTH1: request tokens, their authorization, and access tokens (the consumer side of the flow).</summary>
public static class OAuth1Api
{
    public static void Map(RouteGroupBuilder v3)
    {
        v3.MapPost("/OS-OAUTH1/request_token", async (HttpContext context, OAuthTokenManager tokens) =>
        {
            var header = OAuthHttpRequest.HeaderParameters(context);
            var projectId = context.Request.Headers["Requested-Project-Id"].ToString();
            var row = await tokens.CreateRequestTokenAsync(header, projectId, () => OAuthHttpRequest.ForTokenEndpoint(context), context.RequestAborted);
            return FormEncoded($"oauth_token={row.Id}&oauth_token_secret={row.RequestSecret}"
                + (row.ExpiresAt is { } e ? "&oauth_expires_at=" + ExpirationDates.SecondsWithZeroMicros(e) : ""));
        });
        v3.MapPost("/OS-OAUTH1/access_token", async (HttpContext context, OAuthTokenManager tokens) =>
        {
            var header = OAuthHttpRequest.HeaderParameters(context);
            var row = await tokens.CreateAccessTokenAsync(header, () => OAuthHttpRequest.ForTokenEndpoint(context), context.RequestAborted);
            return FormEncoded($"oauth_token={row.Id}&oauth_token_secret={row.AccessSecret}"
                + (row.ExpiresAt is { } e ? "&oauth_expires_at=" + ExpirationDates.SecondsWithZeroMicros(e) : ""));
        });
        v3.MapPut("/OS-OAUTH1/authorize/{requestTokenId}", async (string requestTokenId, HttpContext context, IdentityAuthorizer authz,
            DelegationGuards guards, OAuthTokenManager tokens) =>
        {
            var caller = authz.Enforce(context, IdentityPolicyNames.AuthorizeRequestToken, new PolicyTarget().Set("request_token_id", requestTokenId));
            // Keystone reads this body leniently (get_json(force=True, silent=True)): unreadable means no roles.
            JsonNode? roles = new JsonArray();
            try
            {
                if ((await KeystoneRequest.ReadObjectAsync(context)).TryGetPropertyValue("roles", out var given)) roles = given;
            }
            catch (ApiException e) when (e.Status == 400)
            {
                roles = new JsonArray();
            }
            OAuth1Schemas.AuthorizeRoles.Check(roles);
            guards.BlockForOAuth(caller);
            var verifier = await tokens.AuthorizeAsync(caller, requestTokenId, (JsonArray)roles!, context.RequestAborted);
            return new SharpStack.Core.Http.JsonBodyResult(new JsonObject { ["token"] = new JsonObject { ["oauth_verifier"] = verifier } }, 200);
        });
    }

    /// <summary>201 with a form-encoded body, Content-Type exactly as Keystone sends it (no charset).</summary>
    private static IResult FormEncoded(string body) => new FormResult(body);

    private sealed class FormResult(string body) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            httpContext.Response.StatusCode = 201;
            httpContext.Response.ContentType = "application/x-www-form-urlencoded";
            httpContext.Response.ContentLength = bytes.Length;
            await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
        }
    }
}
