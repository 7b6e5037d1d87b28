using Microsoft.AspNetCore.Http;

namespace SharpStack.Core.Auth;

/// <summary>Reads X-Auth-Token (and X-Service-Token), validates them, and exposes the caller as an
/// <see cref="AuthContext"/> feature. Requests without a valid token pass on unauthenticated; the
/// endpoint decides whether that is allowed (see <see cref="HttpAuthExtensions.RequireAuth"/>).</summary>
public sealed class TokenAuthMiddleware(RequestDelegate next, ITokenAuthenticator authenticator)
{
    public const string TokenHeader = "X-Auth-Token";
    public const string ServiceTokenHeader = "X-Service-Token";

    public async Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers.TryGetValue(TokenHeader, out var token) && token.Count > 0 && !string.IsNullOrEmpty(token[0]))
        {
            var auth = await authenticator.AuthenticateAsync(token[0]!, context.RequestAborted);
            if (auth is not null)
            {
                if (headers.TryGetValue(ServiceTokenHeader, out var serviceToken) && !string.IsNullOrEmpty(serviceToken[0]))
                {
                    var service = await authenticator.AuthenticateAsync(serviceToken[0]!, context.RequestAborted);
                    if (service is not null)
                        auth = CopyWithService(auth, service);
                }
                context.Features.Set(auth);
            }
            else
            {
                context.Features.Set(InvalidToken.Instance);
            }
        }
        await next(context);
    }

    private static AuthContext CopyWithService(AuthContext a, AuthContext service) => new()
    {
        UserId = a.UserId, UserName = a.UserName, UserDomainId = a.UserDomainId, UserDomainName = a.UserDomainName,
        ProjectId = a.ProjectId, ProjectName = a.ProjectName, ProjectDomainId = a.ProjectDomainId, ProjectDomainName = a.ProjectDomainName,
        DomainId = a.DomainId, DomainName = a.DomainName, SystemScope = a.SystemScope, Roles = a.Roles, RoleIds = a.RoleIds,
        IsAdminProject = a.IsAdminProject, Methods = a.Methods, AuditIds = a.AuditIds, ExpiresAt = a.ExpiresAt, IssuedAt = a.IssuedAt,
        TrustId = a.TrustId, TrusteeUserId = a.TrusteeUserId, TrustorUserId = a.TrustorUserId,
        ApplicationCredentialId = a.ApplicationCredentialId, Token = a.Token, ServiceToken = service,
    };
}

/// <summary>Marks a request whose X-Auth-Token was present but not valid (so a 401 can say so).</summary>
public sealed class InvalidToken
{
    public static readonly InvalidToken Instance = new();
}
