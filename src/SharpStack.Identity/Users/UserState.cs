using SharpStack.Core.Configuration;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Users;

/// <summary>Whether a user counts as enabled: the flag, and [security_compliance] disable_user_account_days_inactive
/// (a user not seen for that many days is disabled unless the ignore_user_inactivity option is set).</summary>
public static class UserState
{
    public static bool IsEnabled(UserRow user, SharpStackConfig config, DateTime utcNow)
    {
        if (!user.Enabled) return false;
        if (config.Get(IdentityOptions.DisableUserAccountDaysInactive) is not { } days) return true;
        if (UserOptions.IsSet(user.Options, UserOptions.IgnoreUserInactivity)) return true;
        var lastActive = user.LastActiveAt ?? user.CreatedAt;
        // Keystone: disabled once (today - last active day) >= days.
        return lastActive is null || (utcNow.Date - lastActive.Value.Date).Days < days;
    }

    /// <summary>The first day counted by disable_user_account_days_inactive, when it is configured (Keystone keeps
    /// last_active_at only then).</summary>
    public static DateTime? ActivityDay(SharpStackConfig config, DateTime utcNow) =>
        config.Get(IdentityOptions.DisableUserAccountDaysInactive) is null ? null : utcNow.Date;
}
