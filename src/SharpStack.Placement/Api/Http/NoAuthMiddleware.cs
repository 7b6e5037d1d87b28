using Microsoft.AspNetCore.Http;
using SharpStack.Core.Auth;

namespace SharpStack.Placement.Api.Http;

/// <summary>auth_strategy = noauth2, for tests only (upstream's NoAuthMiddleware with oslo.context): the token
/// "USER[:PROJECT]" names the caller, X-Roles gives the roles (else "admin" for the user admin), X-Project-Id
/// overrides the project, OpenStack-System-Scope: all makes the token system scoped.</summary>
public sealed class NoAuthMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var token = headers[TokenAuthMiddleware.TokenHeader].ToString();
        if (token.Length > 0)
        {
            var colon = token.IndexOf(':');
            var user = colon < 0 ? token : token[..colon];
            var project = colon < 0 ? token : token[(colon + 1)..];
            if (headers.TryGetValue("X-Project-Id", out var p) && p.Count > 0 && !string.IsNullOrEmpty(p[0])) project = p[0]!;
            var system = headers["OpenStack-System-Scope"].ToString();
            IReadOnlyList<string> roles = headers.TryGetValue("X-Roles", out var r)
                ? r.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : user == "admin" ? ["admin"] : [];
            context.Features.Set(new AuthContext
            {
                UserId = user,
                ProjectId = system.Length > 0 ? null : project,
                SystemScope = system.Length > 0 ? system : null,
                Roles = roles,
            });
        }
        return next(context);
    }
}
