using Microsoft.EntityFrameworkCore;
using SharpStack.Core.Configuration;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Passwords;
using SharpStack.Identity.Storage;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Users;

/// <summary>Stores and checks user passwords as Keystone's password model does: each new password becomes the
/// current one, older ones are expired and kept as the history unique_last_password_count needs, and expiry
/// follows [security_compliance] password_expires_days and change_password_upon_first_use.</summary>
public sealed class UserPasswords(SharpStackConfig config, TimeProvider time)
{
    private readonly PasswordHasher _hasher = PasswordHashing.FromConfig(config);

    public PasswordHasher Hasher => _hasher;

    /// <summary>Sets and saves a password without the first-use rule (bootstrap: the operator chose it).</summary>
    public async Task SetAsync(IdentityDb db, UserRow user, string password, bool selfService, CancellationToken ct)
    {
        await StageAsync(db, user, password, selfService, honourExpiryOption: true, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Stages a password set by an administrator (user create or update; the caller saves). With
    /// change_password_upon_first_use it expires at once unless ignore_change_password_upon_first_use is set.</summary>
    /// <param name="creating">Keystone applies the user's options only after computing a new user's first
    /// password, so on create neither ignore_password_expiry nor ignore_change_password_upon_first_use
    /// affects the stored expiry (ignore_password_expiry still applies when authenticating).</param>
    public async Task<PasswordRow> StageAdminSetAsync(IdentityDb db, UserRow user, string? password, bool creating, CancellationToken ct)
    {
        var row = await StageAsync(db, user, password, selfService: false, honourExpiryOption: !creating, ct);
        if (config.Get(IdentityOptions.ChangePasswordUponFirstUse)
            && (creating || !UserOptions.IsSet(user.Options, UserOptions.IgnoreChangePasswordUponFirstUse)))
            row.ExpiresAt = row.CreatedAt;
        return row;
    }

    /// <summary>Stages a password the user chose themselves (POST /v3/users/{id}/password; the caller saves).</summary>
    public Task<PasswordRow> StageSelfServiceSetAsync(IdentityDb db, UserRow user, string password, CancellationToken ct) =>
        StageAsync(db, user, password, selfService: true, honourExpiryOption: true, ct);

    /// <summary>The user's passwords, oldest first (the last one is current); tracked so they can be changed.</summary>
    public Task<List<PasswordRow>> HistoryAsync(IdentityDb db, string userId, CancellationToken ct) =>
        db.Passwords.AsTracking().Where(p => p.UserId == userId).OrderBy(p => p.Id).ToListAsync(ct);

    /// <summary>The hash of the user's current (newest) password, or null when the user has none.</summary>
    public async Task<string?> CurrentHashAsync(IdentityDb db, string userId, CancellationToken ct) =>
        await db.Passwords.Where(p => p.UserId == userId).OrderByDescending(p => p.Id).Select(p => p.PasswordHash).FirstOrDefaultAsync(ct);

    public bool Matches(string? hash, string? password) => hash is not null && password is not null && _hasher.Verify(password, hash);

    /// <summary>When the user's password expires if set now (null: never): password_expires_days, unless the
    /// user is exempt. Keystone drops the fraction of a second.</summary>
    public DateTime? ExpiryFor(UserRow user, DateTime now, bool honourExpiryOption)
    {
        if (config.Get(IdentityOptions.PasswordExpiresDays) is not (> 0 and var days)) return null;
        if (honourExpiryOption && UserOptions.IsSet(user.Options, UserOptions.IgnorePasswordExpiry)) return null;
        var expires = now.AddDays(days);
        return new DateTime(expires.Ticks - expires.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    private async Task<PasswordRow> StageAsync(IdentityDb db, UserRow user, string? password, bool selfService, bool honourExpiryOption, CancellationToken ct)
    {
        var now = Now();
        // Keystone keeps unique_last_password_count old passwords (at least one) besides the new one, and expires
        // every older password that has not expired yet.
        var history = await HistoryAsync(db, user.Id, ct);
        var keep = Math.Max(1, config.Get(IdentityOptions.UniqueLastPasswordCount));
        foreach (var stale in history.Take(Math.Max(0, history.Count - keep)))
            db.Passwords.Remove(stale);
        foreach (var old in history.Skip(Math.Max(0, history.Count - keep)))
            if (old.ExpiresAt is null || old.ExpiresAt > now)
                old.ExpiresAt = now;
        var row = new PasswordRow
        {
            UserId = user.Id,
            PasswordHash = password is null ? null : _hasher.Hash(password),
            CreatedAt = now,
            ExpiresAt = ExpiryFor(user, now, honourExpiryOption),
            SelfService = selfService,
        };
        db.Passwords.Add(row);
        return row;
    }

    /// <summary>Now, to the microsecond as Keystone stores password times.</summary>
    public DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
