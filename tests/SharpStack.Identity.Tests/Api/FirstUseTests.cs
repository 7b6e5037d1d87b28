using System.Net;
using System.Text.Json.Nodes;

namespace SharpStack.Identity.Tests.Api;

/// <summary>change_password_upon_first_use and minimum_password_age.</summary>
public sealed class FirstUseTests(FirstUseServer fixture) : IClassFixture<FirstUseServer>
{
    private readonly IdentityServer _server = fixture.Server;

    [Fact]
    public async Task Admin_set_password_must_be_changed_before_use()
    {
        var user = await _server.CreateUserAsync("given-by-admin");
        Assert.NotNull(user["password_expires_at"]);
        using (var expired = await _server.AuthAsync(user.Id(), "given-by-admin"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            Assert.Equal($"The password is expired and needs to be changed for user: {user.Id()}.", await UserApiClient.ErrorAsync(expired));
        }
        using (var change = await _server.ChangePasswordAsync(user.Id(), "given-by-admin", "chosen-by-me"))
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        await _server.TokenForAsync(user.Id(), "chosen-by-me");

        // An administrator's reset expires again, unless the user is exempt.
        using (await _server.PatchUserAsync(user.Id(), new JsonObject { ["password"] = "reset-by-admin" })) { }
        using (var again = await _server.AuthAsync(user.Id(), "reset-by-admin"))
            Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        using (await _server.PatchUserAsync(user.Id(), new JsonObject
               {
                   ["password"] = "reset-exempt", ["options"] = new JsonObject { ["ignore_change_password_upon_first_use"] = true },
               })) { }
        await _server.TokenForAsync(user.Id(), "reset-exempt");
    }

    [Fact]
    public async Task On_create_the_exemption_option_is_not_yet_applied()
    {
        // Keystone decides the first password's expiry before it stores the new user's options.
        var user = await _server.CreateUserAsync("given-by-admin", new JsonObject { ["ignore_change_password_upon_first_use"] = true });
        using (var expired = await _server.AuthAsync(user.Id(), "given-by-admin"))
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        var exempt = await _server.CreateUserAsync("given-by-admin", new JsonObject { ["ignore_password_expiry"] = true });
        await _server.TokenForAsync(exempt.Id(), "given-by-admin");
    }

    [Fact]
    public async Task A_self_chosen_password_must_be_kept_for_minimum_password_age()
    {
        var user = await _server.CreateUserAsync("given-by-admin");
        using (var first = await _server.ChangePasswordAsync(user.Id(), "given-by-admin", "chosen-once"))
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        using (var tooSoon = await _server.ChangePasswordAsync(user.Id(), "chosen-once", "chosen-twice"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooSoon.StatusCode);
            Assert.Equal("You cannot change your password at this time due to the minimum password age. Once you change your password, it must be used for 1 day(s) before it can be changed. Please try again in 0 day(s) or contact your administrator to reset your password.",
                await UserApiClient.ErrorAsync(tooSoon));
        }
        // An administrator's reset is not self-service, so the user may replace it at once.
        using (await _server.PatchUserAsync(user.Id(), new JsonObject { ["password"] = "reset-by-admin" })) { }
        using (var afterReset = await _server.ChangePasswordAsync(user.Id(), "reset-by-admin", "chosen-twice"))
            Assert.Equal(HttpStatusCode.NoContent, afterReset.StatusCode);
        await _server.TokenForAsync(user.Id(), "chosen-twice");
    }
}
