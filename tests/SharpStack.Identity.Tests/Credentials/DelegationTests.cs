using SharpStack.Core.Auth;
using SharpStack.Identity.Credentials;
using SharpStack.Identity.Tokens;

namespace SharpStack.Identity.Tests.Credentials;

public sealed class DelegationTests
{
    private static AuthContext Caller(string[] methods, string? trustId = null) => new() { UserId = "u", Methods = methods, TrustId = trustId };

    [Theory]
    [InlineData(new[] { "password" }, false)]
    [InlineData(new[] { "password", "totp" }, false)]
    [InlineData(new[] { "token" }, false)]
    [InlineData(new[] { "application_credential" }, true)]
    [InlineData(new[] { "oauth1" }, true)]
    [InlineData(new[] { "ec2credential" }, true)]
    [InlineData(new string[0], true)]
    public void Only_primary_methods_are_not_delegated(string[] methods, bool delegated) =>
        Assert.Equal(delegated, Delegation.IsDelegated(Caller(methods)));

    [Fact]
    public void Trust_scoped_tokens_are_delegated() => Assert.True(Delegation.IsDelegated(Caller(["password"], trustId: "t")));
}
