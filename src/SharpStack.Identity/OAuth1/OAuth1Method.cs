using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Identity.Tokens.Authentication;

namespace SharpStack.Identity.OAuth1;

/// <summary>The "oauth1" authentication method: POST /v3/auth/tokens signed with an OAuth access token gives a token
/// for the access token's user, scoped to its project, with the roles it delegates.</summary>
public sealed class OAuth1Method(IHttpContextAccessor http, OAuthTokenManager tokens) : IAuthMethod
{
    public string Name => "oauth1";

    public async Task<AuthMethodResult> AuthenticateAsync(JsonObject data, AuthRequest request, CancellationToken ct)
    {
        var context = http.HttpContext ?? throw ApiException.Unauthorized();
        var header = OAuthHttpRequest.HeaderParameters(context);
        var accessToken = await tokens.AuthenticateAsync(header, () => OAuthHttpRequest.ForAuthentication(context), ct);
        return new AuthMethodResult
        {
            UserId = accessToken.AuthorizingUserId,
            AccessTokenId = accessToken.Id,
            AccessTokenProjectId = accessToken.ProjectId,
        };
    }
}
