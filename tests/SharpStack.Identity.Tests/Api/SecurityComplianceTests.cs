using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace SharpStack.Identity.Tests.Api;

/// <summary>[security_compliance] password history, password_regex, lockout, password expiry and inactivity.</summary>
public sealed class SecurityComplianceTests(SecurityComplianceServer fixture) : IClassFixture<SecurityComplianceServer>
{
    private readonly IdentityServer _server = fixture.Server;

    [Fact]
    public async Task Self_service_changes_may_not_reuse_the_last_passwords()
    {
        var user = await _server.CreateUserAsync("first-pw1");
        using (var ok = await _server.ChangePasswordAsync(user.Id(), "first-pw1", "second-pw2"))
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        const string history = "The new password cannot be identical to a previous password. The total number which includes the new password must be unique is 2.";
        foreach (var reused in new[] { "first-pw1", "second-pw2" })
        {
            using var refused = await _server.ChangePasswordAsync(user.Id(), "second-pw2", reused);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(history, await UserApiClient.ErrorAsync(refused));
        }
        using (var third = await _server.ChangePasswordAsync(user.Id(), "second-pw2", "third-pw3"))
            Assert.Equal(HttpStatusCode.NoContent, third.StatusCode);
        // Only the last two count: the first password is usable again.
        using (var again = await _server.ChangePasswordAsync(user.Id(), "third-pw3", "first-pw1"))
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        await _server.TokenForAsync(user.Id(), "first-pw1");
    }

    [Fact]
    public async Task History_is_not_enforced_on_admin_reset()
    {
        var user = await _server.CreateUserAsync("admin-set1");
        using (var same = await _server.PatchUserAsync(user.Id(), new JsonObject { ["password"] = "admin-set1" }))
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        await _server.TokenForAsync(user.Id(), "admin-set1");
    }

    [Fact]
    public async Task Password_regex_applies_to_every_password_set()
    {
        const string expected = "The password does not match the requirements: " + SecurityComplianceServer.RegexDescription + ".";
        using var client = _server.AdminClient();
        using (var create = await client.PostAsync("v3/users", IdentityServer.Json(new JsonObject
               { ["user"] = new JsonObject { ["name"] = UserApiClient.Unique("rx"), ["password"] = "simple" } })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
            Assert.Equal(expected, await UserApiClient.ErrorAsync(create));
        }
        using (var nullPassword = await client.PostAsync("v3/users", IdentityServer.Json(new JsonObject
               { ["user"] = new JsonObject { ["name"] = UserApiClient.Unique("rx"), ["password"] = null } })))
            Assert.Equal("Password validation error: Password must be a string type.", await UserApiClient.ErrorAsync(nullPassword));

        var user = await _server.CreateUserAsync("good-pass1");
        using (var patch = await _server.PatchUserAsync(user.Id(), new JsonObject { ["password"] = "simple" }))
            Assert.Equal(expected, await UserApiClient.ErrorAsync(patch));
        using (var change = await _server.ChangePasswordAsync(user.Id(), "good-pass1", "short1"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
            Assert.Equal(expected, await UserApiClient.ErrorAsync(change));
        }
        // python's re.match anchors at the start only: a longer password that starts well still matches.
        using (var ok = await _server.ChangePasswordAsync(user.Id(), "good-pass1", "abcdefg1 and more"))
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_for_lockout_duration()
    {
        var user = await _server.CreateUserAsync("right-pw1");
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await _server.AuthAsync(user.Id(), "wrong-pw1");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("The request you have made requires authentication.", await UserApiClient.ErrorAsync(wrong));
        }
        using (var locked = await _server.AuthAsync(user.Id(), "right-pw1"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
            Assert.Equal($"The account is locked for user: {user.Id()}.", await UserApiClient.ErrorAsync(locked));
        }
        using (var change = await _server.ChangePasswordAsync(user.Id(), "right-pw1", "other-pw2"))
            Assert.Equal($"The account is locked for user: {user.Id()}.", await UserApiClient.ErrorAsync(change));

        await Task.Delay(2200);
        await _server.TokenForAsync(user.Id(), "right-pw1");
        // Once the lockout has passed the count starts again: one failure does not lock.
        using (await _server.AuthAsync(user.Id(), "wrong-pw1")) { }
        await _server.TokenForAsync(user.Id(), "right-pw1");
    }

    [Fact]
    public async Task Success_clears_failures_and_exempt_users_are_never_locked()
    {
        var user = await _server.CreateUserAsync("right-pw1");
        for (var i = 0; i < 3; i++)
        {
            using (await _server.AuthAsync(user.Id(), "wrong-pw1")) { }
            await _server.TokenForAsync(user.Id(), "right-pw1");
        }

        var exempt = await _server.CreateUserAsync("right-pw1", new JsonObject { ["ignore_lockout_failure_attempts"] = true });
        for (var i = 0; i < 4; i++)
            using (await _server.AuthAsync(exempt.Id(), "wrong-pw1")) { }
        await _server.TokenForAsync(exempt.Id(), "right-pw1");

        // A wrong original password in a self-service change counts too; enabling the user clears the count.
        var other = await _server.CreateUserAsync("right-pw1");
        for (var i = 0; i < 2; i++)
            using (await _server.ChangePasswordAsync(other.Id(), "wrong-pw1", "new-pass2")) { }
        using (var locked = await _server.AuthAsync(other.Id(), "right-pw1"))
            Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        using (await _server.PatchUserAsync(other.Id(), new JsonObject { ["enabled"] = true })) { }
        await _server.TokenForAsync(other.Id(), "right-pw1");
    }

    [Fact]
    public async Task Passwords_expire_after_password_expires_days()
    {
        var before = DateTime.UtcNow;
        var user = await _server.CreateUserAsync("expiring1");
        var expires = Parse(user["password_expires_at"]!.GetValue<string>());
        Assert.InRange(expires, before.AddDays(3).AddSeconds(-1), DateTime.UtcNow.AddDays(3));
        Assert.EndsWith(".000000", user["password_expires_at"]!.GetValue<string>());

        // On create Keystone computes the expiry before it stores the options: ignore_password_expiry does not
        // change the stored date (it still exempts the user when authenticating). An update honours it.
        var exempt = await _server.CreateUserAsync("exempted1", new JsonObject { ["ignore_password_expiry"] = true });
        Assert.NotNull(exempt["password_expires_at"]);
        using (var reset = await _server.PatchUserAsync(exempt.Id(), new JsonObject { ["password"] = "exempted2" }))
            Assert.Null((await IdentityServer.ReadAsync(reset))["user"]!["password_expires_at"]);

        using var client = _server.AdminClient();
        using (var list = await client.GetAsync("v3/users?password_expires_at=gt:" + DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)))
        {
            var ids = (await IdentityServer.ReadAsync(list))["users"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()).ToList();
            Assert.Contains(user.Id(), ids);
        }

        await ExpireNowAsync(user.Id());
        using (var expired = await _server.AuthAsync(user.Id(), "expiring1"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            Assert.Equal($"The password is expired and needs to be changed for user: {user.Id()}.", await UserApiClient.ErrorAsync(expired));
        }
        // An expired password still authorizes its own replacement.
        using (var change = await _server.ChangePasswordAsync(user.Id(), "expiring1", "renewed-pw2"))
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        await _server.TokenForAsync(user.Id(), "renewed-pw2");

        var ignored = await _server.CreateUserAsync("ignoring1", new JsonObject { ["ignore_password_expiry"] = true });
        await ExpireNowAsync(ignored.Id());
        await _server.TokenForAsync(ignored.Id(), "ignoring1");
    }

    [Fact]
    public async Task Inactive_users_are_disabled_until_enabled_again()
    {
        var user = await _server.CreateUserAsync("active-pw1");
        await _server.TokenForAsync(user.Id(), "active-pw1");
        Assert.Equal(DateTime.UtcNow.Date, await LastActiveAsync(user.Id()));

        await SetLastActiveAsync(user.Id(), DateTime.UtcNow.Date.AddDays(-4));
        Assert.True(await EnabledAsync(user.Id()));
        await SetLastActiveAsync(user.Id(), DateTime.UtcNow.Date.AddDays(-5));
        Assert.False(await EnabledAsync(user.Id()));
        using (var refused = await _server.AuthAsync(user.Id(), "active-pw1"))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // The enabled filter reads the stored flag, as Keystone's query does.
        using var client = _server.AdminClient();
        using (var list = await client.GetAsync("v3/users?enabled=true"))
            Assert.Contains(user.Id(), (await IdentityServer.ReadAsync(list))["users"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()));

        using (var enable = await _server.PatchUserAsync(user.Id(), new JsonObject { ["enabled"] = true }))
            Assert.True((await IdentityServer.ReadAsync(enable))["user"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(DateTime.UtcNow.Date, await LastActiveAsync(user.Id()));
        await _server.TokenForAsync(user.Id(), "active-pw1");

        var exempt = await _server.CreateUserAsync("exempt-pw1", new JsonObject { ["ignore_user_inactivity"] = true });
        await SetLastActiveAsync(exempt.Id(), DateTime.UtcNow.Date.AddDays(-50));
        Assert.True(await EnabledAsync(exempt.Id()));
        await _server.TokenForAsync(exempt.Id(), "exempt-pw1");
    }

    [Fact]
    public async Task Updating_an_inactive_user_without_enabling_it_keeps_it_disabled()
    {
        var user = await _server.CreateUserAsync("active-pw1");
        await SetLastActiveAsync(user.Id(), DateTime.UtcNow.Date.AddDays(-30));
        using (var rename = await _server.PatchUserAsync(user.Id(), new JsonObject { ["description"] = "still idle" }))
            Assert.False((await IdentityServer.ReadAsync(rename))["user"]!["enabled"]!.GetValue<bool>());
        // Keystone wrote the computed value back: the stored flag is now false as well.
        Assert.False(await _server.QueryDbAsync(db => db.Users.Where(u => u.Id == user.Id()).Select(u => u.Enabled).FirstAsync()));
    }

    private async Task<bool> EnabledAsync(string id)
    {
        using var client = _server.AdminClient();
        using var get = await client.GetAsync("v3/users/" + id);
        return (await IdentityServer.ReadAsync(get))["user"]!["enabled"]!.GetValue<bool>();
    }

    private Task SetLastActiveAsync(string id, DateTime day) => _server.WithDbAsync(db =>
        db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastActiveAt, day)));

    private Task<DateTime?> LastActiveAsync(string id) =>
        _server.QueryDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LastActiveAt).FirstAsync());

    private Task ExpireNowAsync(string userId) => _server.WithDbAsync(async db =>
    {
        var current = await db.Passwords.Where(p => p.UserId == userId).OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync();
        await db.Passwords.Where(p => p.Id == current).ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAt, DateTime.UtcNow.AddSeconds(-1)));
    });

    private static DateTime Parse(string text) =>
        DateTime.SpecifyKind(DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
