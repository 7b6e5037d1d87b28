using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Tokens.Authentication;

/// <summary>The "password" method: user by id or name and domain, then Keystone's password check (lockout,
/// password, expiry; see <see cref="PasswordAuthentication"/>). Failures answer 401; only lockout and expiry
/// say why (as Keystone).</summary>
public sealed class PasswordMethod(AuthLookup lookup, PasswordAuthentication passwords, SharpStackConfig config,
    TimeProvider time, ILogger<PasswordMethod> log) : IAuthMethod
{
    public string Name => "password";

    public async Task<AuthMethodResult> AuthenticateAsync(JsonObject data, AuthRequest request, CancellationToken ct)
    {
        if (data["user"] is not JsonObject userSpec) throw KeystoneRequest.Expecting("user", "password");
        var password = AuthLookup.Text(userSpec, "password") ?? throw KeystoneRequest.Expecting("password", "user");
        var user = await lookup.UserAsync(userSpec, ct);
        if (!await lookup.DomainEnabledAsync(user.DomainId, ct))
        {
            log.LogInformation("Authentication refused: domain {DomainId} of user {UserId} is disabled", user.DomainId, user.Id);
            throw ApiException.Unauthorized();
        }
        // Keystone refuses a disabled user before looking at the password: a plain 401, no failure counted.
        if (!UserState.IsEnabled(user, config, time.GetUtcNow().UtcDateTime))
        {
            log.LogInformation("Authentication refused: user {UserId} is disabled", user.Id);
            throw ApiException.Unauthorized();
        }
        await passwords.VerifyAsync(user, password, allowExpired: false, ct);
        return new AuthMethodResult { UserId = user.Id };
    }
}
