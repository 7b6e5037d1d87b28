using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Api.Http;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Tokens.Authentication;

/// <summary>The "password" method: user by id or name and domain, lockout after repeated failures, password
/// expiry, inactivity. Failures answer 401; only lockout, disabled and expired say why (as Keystone).</summary>
public sealed class PasswordMethod(IdentityDb db, AuthLookup lookup, UserPasswords passwords, SharpStackConfig config,
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
        var now = time.GetUtcNow().UtcDateTime;
        if (IsLocked(user, now))
            throw ApiException.Unauthorized($"The account is locked for user: {user.Id}.");

        var current = await db.Passwords.Where(p => p.UserId == user.Id).OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct);
        if (current is null || !passwords.Matches(current.PasswordHash, password))
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.FailedAuthCount, u => u.FailedAuthCount + 1)
                .SetProperty(u => u.FailedAuthAt, now), ct);
            log.LogInformation("Authentication refused: wrong password for user {UserId}", user.Id);
            throw ApiException.Unauthorized();
        }
        if (!UserState.IsEnabled(user, config, now))
            throw ApiException.Unauthorized($"The account is disabled for user: {user.Id}.");
        if (current.ExpiresAt is { } expires && expires <= now && !UserOptions.IsSet(user.Options, UserOptions.IgnorePasswordExpiry))
            throw ApiException.Unauthorized($"The password is expired and needs to be changed for user: {user.Id}.");

        if (user.FailedAuthCount != 0 || NeedsActivityUpdate(user, now))
        {
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.FailedAuthCount, 0)
                .SetProperty(u => u.FailedAuthAt, (DateTime?)null)
                .SetProperty(u => u.LastActiveAt, now.Date), ct);
        }
        return new AuthMethodResult { UserId = user.Id };
    }

    private bool IsLocked(Storage.Entities.UserRow user, DateTime now)
    {
        if (UserOptions.IsSet(user.Options, UserOptions.IgnoreLockoutFailureAttempts)) return false;
        if (config.Get(IdentityOptions.LockoutFailureAttempts) is not { } max || user.FailedAuthCount < max) return false;
        var duration = config.Get(IdentityOptions.LockoutDuration);
        return user.FailedAuthAt is not { } last || now < last.AddSeconds(duration);
    }

    /// <summary>last_active_at is kept (once a day) only when inactivity disabling is configured.</summary>
    private bool NeedsActivityUpdate(Storage.Entities.UserRow user, DateTime now) =>
        config.Get(IdentityOptions.DisableUserAccountDaysInactive) is not null && user.LastActiveAt?.Date != now.Date;
}
