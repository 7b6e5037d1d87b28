using System.Text.Json.Nodes;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Tests.Users;

public sealed class UserOptionsTests
{
    [Fact]
    public void Merge_sets_named_options_removes_nulls_and_keeps_the_rest()
    {
        var stored = UserOptions.Merge(null, new JsonObject { ["lock_password"] = true, ["ignore_password_expiry"] = true });
        var merged = UserOptions.Merge(stored, new JsonObject { ["lock_password"] = null, ["multi_factor_auth_enabled"] = false });
        var o = UserOptions.Parse(merged);
        Assert.False(o.ContainsKey("lock_password"));
        Assert.True(o["ignore_password_expiry"]!.GetValue<bool>());
        Assert.False(o["multi_factor_auth_enabled"]!.GetValue<bool>());
        Assert.True(UserOptions.IsSet(merged, UserOptions.IgnorePasswordExpiry));
        Assert.False(UserOptions.IsSet(merged, UserOptions.MultiFactorAuthEnabled));
    }

    [Fact]
    public void Merge_of_nothing_is_no_options()
    {
        Assert.Null(UserOptions.Merge(null, null));
        Assert.Null(UserOptions.Merge("""{"lock_password": true}""", new JsonObject { ["lock_password"] = null }));
        Assert.Empty(UserOptions.Parse(null));
    }
}
