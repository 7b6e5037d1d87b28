using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;

namespace SharpStack.Core.Auth;

/// <summary>Access to the caller from a handler.</summary>
public static class HttpAuthExtensions
{
    /// <summary>The caller, or null when the request carried no valid token.</summary>
    public static AuthContext? Caller(this HttpContext context) => context.Features.Get<AuthContext>();

    /// <summary>The caller; answers 401 when there is none.</summary>
    public static AuthContext RequireAuth(this HttpContext context) =>
        context.Features.Get<AuthContext>() ?? throw ApiException.Unauthorized();
}
