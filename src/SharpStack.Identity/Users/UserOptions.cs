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

    /// <summary>The stored options as an object ({} when none).</summary>
    public static JsonObject Parse(string? optionsJson) =>
        string.IsNullOrEmpty(optionsJson) ? [] : JsonNode.Parse(optionsJson) as JsonObject ?? [];

    /// <summary>Applies requested options to the stored ones as Keystone does: a named option is set, null removes
    /// it, options not named are kept, and options Keystone does not know are dropped.</summary>
    public static string? Merge(string? storedJson, JsonObject? changes)
    {
        var stored = Parse(storedJson);
        var result = new JsonObject();
        foreach (var name in All)
        {
            var value = changes is not null && changes.TryGetPropertyValue(name, out var requested) ? requested : stored[name];
            if (value is not null) result[name] = value.DeepClone();
        }
        return result.Count == 0 ? null : result.ToJsonString();
    }
}
