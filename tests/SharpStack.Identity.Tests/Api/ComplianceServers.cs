namespace SharpStack.Identity.Tests.Api;

/// <summary>A server with most [security_compliance] rules on: password history of 2, a password regex, lockout
/// after 2 failures for 2 seconds, passwords valid 3 days, users disabled after 5 inactive days.</summary>
public sealed class SecurityComplianceServer : IAsyncLifetime
{
    public const string RegexDescription = "at least 7 characters with a letter and a digit";

    public IdentityServer Server { get; } = new();

    public Task InitializeAsync()
    {
        var s = Server.Settings;
        s["SHARPSTACK_SECURITY_COMPLIANCE__UNIQUE_LAST_PASSWORD_COUNT"] = "2";
        s["SHARPSTACK_SECURITY_COMPLIANCE__PASSWORD_REGEX"] = @"^(?=.*\d)(?=.*[a-zA-Z]).{7,}$$"; // "$$": a literal "$" in oslo-style values
        s["SHARPSTACK_SECURITY_COMPLIANCE__PASSWORD_REGEX_DESCRIPTION"] = RegexDescription;
        s["SHARPSTACK_SECURITY_COMPLIANCE__LOCKOUT_FAILURE_ATTEMPTS"] = "2";
        s["SHARPSTACK_SECURITY_COMPLIANCE__LOCKOUT_DURATION"] = "2";
        s["SHARPSTACK_SECURITY_COMPLIANCE__PASSWORD_EXPIRES_DAYS"] = "3";
        s["SHARPSTACK_SECURITY_COMPLIANCE__DISABLE_USER_ACCOUNT_DAYS_INACTIVE"] = "5";
        return Server.InitializeAsync();
    }

    public Task DisposeAsync() => Server.DisposeAsync();
}

/// <summary>A server where administrator-set passwords must be changed on first use and a self-chosen password
/// must be kept a day (change_password_upon_first_use, minimum_password_age = 1).</summary>
public sealed class FirstUseServer : IAsyncLifetime
{
    public IdentityServer Server { get; } = new();

    public Task InitializeAsync()
    {
        Server.Settings["SHARPSTACK_SECURITY_COMPLIANCE__CHANGE_PASSWORD_UPON_FIRST_USE"] = "true";
        Server.Settings["SHARPSTACK_SECURITY_COMPLIANCE__MINIMUM_PASSWORD_AGE"] = "1";
        return Server.InitializeAsync();
    }

    public Task DisposeAsync() => Server.DisposeAsync();
}
