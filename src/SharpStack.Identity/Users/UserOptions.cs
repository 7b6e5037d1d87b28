using System.Text.Json.Nodes;

namespace SharpStack.Identity.Users;

/// <summary>The per-user options Keystone knows (stored as a JSON object on the user).</summary>
public static class UserOptions
{
    public const string IgnoreChangePasswordUponFirstUse = "ignore_change_password_upon_first_use";
    public const string IgnorePasswordExpiry = "ignore_password_expiry";
    public const string IgnoreLockoutFailureAttempts = "ignore_lockout_failure_attempts";
    public const string IgnoreUserInactivity = "ignore_user_inactivity";
    public const string LockPassword = "lock_password";
    public const string MultiFactorAuthEnabled = "multi_factor_auth_enabled";
    public const string MultiFactorAuthRules = "multi_factor_auth_rules";

    public static readonly IReadOnlyList<string> All =
    [
        IgnoreChangePasswordUponFirstUse, IgnorePasswordExpiry, IgnoreLockoutFailureAttempts, IgnoreUserInactivity,
        LockPassword, MultiFactorAuthEnabled, MultiFactorAuthRules,
    ];

    /// <summary>True when the boolean option is set to true in the stored options.</summary>
    public static bool IsSet(string? optionsJson, string name) =>
        !string.IsNullOrEmpty(optionsJson)
        && JsonNode.Parse(optionsJson) is JsonObject o
        && o[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
