using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Users;

/// <summary>Keystone's check of a local user's password (identity backend authenticate): lockout after
/// [security_compliance] lockout_failure_attempts, the password, the user enabled, the password not expired.
/// Failures are counted; success clears the count and records the day of activity. Used by the password
/// auth method and by self-service password changes.</summary>
public sealed class PasswordAuthentication(IdentityDb db, UserPasswords passwords, SharpStackConfig config, ILogger<PasswordAuthentication> log)
{
    /// <param name="allowExpired">A self-service change may replace an expired password.</param>
    public async Task VerifyAsync(UserRow user, string password, bool allowExpired, CancellationToken ct)
    {
        var now = passwords.Now();
        if (await IsLockedAsync(user, now, ct))
        {
            log.LogInformation("Authentication refused: user {UserId} is locked out", user.Id);
            throw ApiException.Unauthorized($"The account is locked for user: {user.Id}.");
        }
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
        if (IsExpired(current, user, now))
        {
            if (allowExpired) return;
            throw ApiException.Unauthorized($"The password is expired and needs to be changed for user: {user.Id}.");
        }

        var today = UserState.ActivityDay(config, now);
        if (user.FailedAuthCount != 0 || (today is not null && user.LastActiveAt?.Date != today))
        {
            var lastActive = today ?? user.LastActiveAt;
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.FailedAuthCount, 0)
                .SetProperty(u => u.FailedAuthAt, (DateTime?)null)
                .SetProperty(u => u.LastActiveAt, lastActive), ct);
        }
    }

    public static bool IsExpired(PasswordRow current, UserRow user, DateTime now) =>
        current.ExpiresAt is { } expires && now >= expires && !UserOptions.IsSet(user.Options, UserOptions.IgnorePasswordExpiry);

    /// <summary>Locked while the failures reach the limit and the last one is recent; once the lockout has
    /// passed the count starts again from zero, as Keystone resets it.</summary>
    private async Task<bool> IsLockedAsync(UserRow user, DateTime now, CancellationToken ct)
    {
        if (UserOptions.IsSet(user.Options, UserOptions.IgnoreLockoutFailureAttempts)) return false;
        if (config.Get(IdentityOptions.LockoutFailureAttempts) is not { } max || user.FailedAuthCount < max) return false;
        var duration = config.Get(IdentityOptions.LockoutDuration);
        if (user.FailedAuthAt is not { } last || now < last.AddSeconds(duration)) return true;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.FailedAuthCount, 0)
            .SetProperty(u => u.FailedAuthAt, (DateTime?)null), ct);
        user.FailedAuthCount = 0;
        user.FailedAuthAt = null;
        return false;
    }
}
