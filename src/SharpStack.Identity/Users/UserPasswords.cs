using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Passwords;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Users;

/// <summary>Stores and checks user passwords: hashing, expiry from [security_compliance], and the history kept for
/// unique_last_password_count.</summary>
public sealed class UserPasswords(SharpStackConfig config, TimeProvider time)
{
    private readonly PasswordHasher _hasher = PasswordHashing.FromConfig(config);

    public PasswordHasher Hasher => _hasher;

    /// <summary>Adds a new current password for <paramref name="user"/> (the row is committed by the caller's SaveChanges).</summary>
    public async Task SetAsync(IdentityDb db, UserRow user, string password, bool selfService, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expiresDays = config.Get(IdentityOptions.PasswordExpiresDays);
        var ignoreExpiry = UserOptions.IsSet(user.Options, UserOptions.IgnorePasswordExpiry);
        db.Passwords.Add(new PasswordRow
        {
            UserId = user.Id,
            PasswordHash = _hasher.Hash(password),
            CreatedAt = now,
            ExpiresAt = expiresDays is { } days && !ignoreExpiry ? now.AddDays(days) : null,
            SelfService = selfService,
        });
        await db.SaveChangesAsync(ct);
        await TrimHistoryAsync(db, user.Id, ct);
    }

    /// <summary>The hash of the user's current (newest) password, or null when the user has none.</summary>
    public async Task<string?> CurrentHashAsync(IdentityDb db, string userId, CancellationToken ct) =>
        await db.Passwords.Where(p => p.UserId == userId).OrderByDescending(p => p.Id).Select(p => p.PasswordHash).FirstOrDefaultAsync(ct);

    public bool Matches(string? hash, string password) => hash is not null && _hasher.Verify(password, hash);

    /// <summary>Keeps only as many old passwords as the history check needs (at least the current one).</summary>
    private async Task TrimHistoryAsync(IdentityDb db, string userId, CancellationToken ct)
    {
        var keep = Math.Max(1, config.Get(IdentityOptions.UniqueLastPasswordCount));
        var stale = await db.Passwords.Where(p => p.UserId == userId).OrderByDescending(p => p.Id).Skip(keep).Select(p => p.Id).ToListAsync(ct);
        if (stale.Count > 0)
            await db.Passwords.Where(p => stale.Contains(p.Id)).ExecuteDeleteAsync(ct);
    }
}
