using SharpStack.Core.Errors;
using SharpStack.Identity.Users;

namespace SharpStack.Identity.Tests.Users;

public sealed class PasswordExpiryFilterTests
{
    [Theory]
    [InlineData("lt:2016-11-06T15:32:17Z", "lt")]
    [InlineData("lte:2016-11-06T15:32:17Z", "lte")]
    [InlineData("gt:2016-11-06T15:32:17.123456Z", "gt")]
    [InlineData("gte:2016-11-06", "gte")]
    [InlineData("neq:2016-11-06T15:32:17", "neq")]
    [InlineData("2016-11-06T15:32:17Z", "eq")]
    public void Parses_operator_and_timestamp(string text, string op)
    {
        var filter = PasswordExpiryFilter.Parse(text);
        Assert.Equal(op, filter.Operator);
        Assert.Equal(new DateTime(2016, 11, 6), filter.Value.Date);
        Assert.Equal(DateTimeKind.Utc, filter.Value.Kind);
    }

    [Fact]
    public void Zone_offsets_become_utc()
    {
        Assert.Equal(new DateTime(2016, 11, 6, 13, 32, 17, DateTimeKind.Utc), PasswordExpiryFilter.Parse("eq:2016-11-06T15:32:17+02:00").Value);
    }

    [Theory]
    [InlineData("lt:yesterday")]
    [InlineData("Nov 6 2016")]
    [InlineData("lt:")]
    public void Bad_timestamps_are_keystones_400(string text)
    {
        var e = Assert.Throws<ApiException>(() => PasswordExpiryFilter.Parse(text));
        Assert.Equal(400, e.Status);
        Assert.StartsWith("Timestamp not in expected format.", e.Message);
    }

    [Fact]
    public void Unknown_operator_is_named_after_the_timestamp_is_checked()
    {
        var e = Assert.Throws<ApiException>(() => PasswordExpiryFilter.Parse("xx:2016-11-06T15:32:17Z"));
        Assert.Equal("The given operator xx is not valid. It must be one of the following: 'eq', 'neq', 'lt', 'lte', 'gt', or 'gte'.", e.Message);
    }

    [Fact]
    public void A_password_that_never_expires_matches_no_comparison()
    {
        foreach (var op in new[] { "lt", "lte", "gt", "gte", "eq", "neq" })
            Assert.False(PasswordExpiryFilter.Parse(op + ":2016-11-06T00:00:00Z").Matches(null));
        var f = PasswordExpiryFilter.Parse("lt:2016-11-06T00:00:00Z");
        Assert.True(f.Matches(new DateTime(2016, 11, 5, 0, 0, 0, DateTimeKind.Utc)));
        Assert.False(f.Matches(new DateTime(2016, 11, 6, 0, 0, 0, DateTimeKind.Utc)));
    }
}
