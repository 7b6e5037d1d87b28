using SharpStack.Identity.Tokens.Formats;

namespace SharpStack.Identity.Tests.Tokens.Formats;

public class AuthMethodMapTests
{
    [Theory]
    [InlineData("external", 1UL)]
    [InlineData("password", 2UL)]
    [InlineData("token", 4UL)]
    [InlineData("oauth1", 8UL)]
    [InlineData("mapped", 16UL)]
    [InlineData("application_credential", 32UL)]
    [InlineData("ec2credential", 1UL << 32)]
    [InlineData("oauth2_credential", 1UL << 33)]
    [InlineData("totp", 0UL)]
    public void Default_bits_match_keystone(string method, ulong bit)
    {
        Assert.Equal(bit, AuthMethodMap.Default.BitOf(method));
        Assert.Equal(bit, AuthMethodMap.Default.Encode([method]));
    }

    [Fact]
    public void Decodes_highest_bit_first_like_keystone()
    {
        Assert.Equal(["token", "password"], AuthMethodMap.Default.Decode(6));
        Assert.Equal(["oauth2_credential", "application_credential"], AuthMethodMap.Default.Decode((1UL << 33) + 32));
        Assert.Empty(AuthMethodMap.Default.Decode(0));
        // An unassigned bit (64) poisons the lower ones, exactly as keystone's division loop does.
        Assert.Empty(AuthMethodMap.Default.Decode(64 + 2));
    }

    [Fact]
    public void Custom_method_lists_follow_configuration_order()
    {
        var map = new AuthMethodMap(["password", "token", "totp"]);
        Assert.Equal(4UL, map.BitOf("totp"));
        Assert.Equal(7UL, map.Encode(["totp", "password", "token", "password"]));
        Assert.Equal(["totp", "token", "password"], map.Decode(7));
        Assert.Throws<ArgumentException>(() => new AuthMethodMap(Enumerable.Range(0, 33).Select(i => $"m{i}")));
    }
}
