using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SharpStack.Core.Configuration;
using SharpStack.Core.Errors;
using SharpStack.Identity.Configuration;
using SharpStack.Identity.Storage.Entities;

namespace SharpStack.Identity.Users;

/// <summary>The [security_compliance] rules on new passwords, with Keystone's 400 texts: password_regex (every
/// password set through the API), and for self-service changes lock_password, minimum_password_age and
/// unique_last_password_count.</summary>
public sealed class PasswordRules(SharpStackConfig config, UserPasswords passwords, ILogger<PasswordRules> log)
{
    private readonly Lazy<Regex?> _regex = new(() => Compile(config.Get(IdentityOptions.PasswordRegex), log));

    /// <summary>Keystone's validators.validate_password: with password_regex set the password must be a string
    /// and match from its first character (python's re.match).</summary>
    public void CheckFormat(string? password)
    {
        var pattern = config.Get(IdentityOptions.PasswordRegex);
        if (string.IsNullOrEmpty(pattern)) return;
        if (password is null) throw Invalid("Password must be a string type");
        var regex = _regex.Value ?? throw Invalid("Unable to validate password due to invalid configuration");
        bool matches;
        try
        {
            var m = regex.Match(password);
            matches = m.Success && m.Index == 0;
        }
        catch (RegexMatchTimeoutException)
        {
            log.LogError("password_regex took too long to match a password");
            throw Invalid("Unable to validate password due to invalid configuration");
        }
        if (!matches)
        {
            // Python formats a missing description as "None".
            var description = config.Get(IdentityOptions.PasswordRegexDescription) ?? "None";
            throw ApiException.BadRequest($"The password does not match the requirements: {description}.");
        }
    }

    /// <summary>The checks of a self-service change, in Keystone's order, given the user's passwords oldest first.</summary>
    public void CheckSelfServiceChange(UserRow user, IReadOnlyList<PasswordRow> history, string newPassword, DateTime now)
    {
        if (UserOptions.IsSet(user.Options, UserOptions.LockPassword))
            throw ApiException.BadRequest("You cannot change your password at this time due to password policy disallowing password changes. Please contact your administrator to reset your password.");
        if (history.Count > 0 && history[^1].SelfService)
            CheckMinimumAge(history[^1], now);
        var unique = config.Get(IdentityOptions.UniqueLastPasswordCount);
        if (unique <= 0) return;
        foreach (var old in history.Skip(Math.Max(0, history.Count - unique)))
        {
            if (passwords.Matches(old.PasswordHash, newPassword))
                throw ApiException.BadRequest($"The new password cannot be identical to a previous password. The total number which includes the new password must be unique is {unique}.");
        }
    }

    private void CheckMinimumAge(PasswordRow current, DateTime now)
    {
        var days = config.Get(IdentityOptions.MinimumPasswordAge);
        var allowedFrom = current.CreatedAt.AddDays(days);
        if (now >= allowedFrom) return;
        var daysLeft = (int)Math.Floor((allowedFrom - now).TotalDays);
        throw ApiException.BadRequest(
            $"You cannot change your password at this time due to the minimum password age. Once you change your password, it must be used for {days} day(s) before it can be changed. Please try again in {daysLeft} day(s) or contact your administrator to reset your password.");
    }

    private static ApiException Invalid(string detail) => ApiException.BadRequest($"Password validation error: {detail}.");

    private static Regex? Compile(string? pattern, ILogger log)
    {
        if (string.IsNullOrEmpty(pattern)) return null;
        try
        {
            // A timeout keeps a pathological expression from tying up a request thread.
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            log.LogError("Unable to validate password due to invalid regular expression - password_regex: {Pattern}", pattern);
            return null;
        }
    }
}
