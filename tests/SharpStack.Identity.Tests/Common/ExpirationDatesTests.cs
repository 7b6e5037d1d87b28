using SharpStack.Core.Errors;
using SharpStack.Identity.Common;

namespace SharpStack.Identity.Tests.Common;

/// <summary>Keystone's parse_expiration_date over the iso8601 library (cases checked with python3-iso8601).</summary>
public sealed class ExpirationDatesTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("2030-01-01T00:00:00Z", "2030-01-01T00:00:00.0000000Z")]
    [InlineData("2030-01-01T00:00:00.123456Z", "2030-01-01T00:00:00.1234560Z")]
    [InlineData("2030-01-01T00:00:00.1234567", "2030-01-01T00:00:00.1234560Z")]
    [InlineData("2030-01-01 00:00:00", "2030-01-01T00:00:00.0000000Z")]
    [InlineData("20300101T000000Z", "2030-01-01T00:00:00.0000000Z")]
    [InlineData("2030-01-01T00:00", "2030-01-01T00:00:00.0000000Z")]
    [InlineData("2030-01-01T05", "2030-01-01T05:00:00.0000000Z")]
    [InlineData("2030-01-01T00:00:00,5", "2030-01-01T00:00:00.5000000Z")]
    public void Parses_what_iso8601_parses(string text, string expected)
    {
        Assert.Equal(expected, ExpirationDates.Parse(text, Now).ToString("O"));
    }

    [Theory]
    [InlineData("bad.123Z")]
    [InlineData("2030-01-01")]
    [InlineData("2030-01-01T00:00:00+02:00")]
    [InlineData("2030-1-1T1:2:3Z")]
    [InlineData("2030-01-01T24:00:00Z")]
    [InlineData("2030-02-30T00:00:00Z")]
    [InlineData("2030-01-01t00:00:00z")]
    public void Refuses_what_keystone_refuses(string text)
    {
        var e = Assert.Throws<ApiException>(() => ExpirationDates.Parse(text, Now));
        Assert.StartsWith("Timestamp not in expected format.", e.Message);
    }

    [Fact]
    public void Past_dates_are_refused()
    {
        var e = Assert.Throws<ApiException>(() => ExpirationDates.Parse("2000-01-01T00:00:00", Now));
        Assert.StartsWith("The 'expires_at' must not be before now.", e.Message);
    }

    [Fact]
    public void Trust_format_drops_microseconds()
    {
        Assert.Equal("2030-01-01T00:00:00.000000Z", ExpirationDates.SecondsWithZeroMicros(new DateTime(2030, 1, 1, 0, 0, 0, 999, DateTimeKind.Utc)));
    }
}
