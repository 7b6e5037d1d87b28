using Microsoft.AspNetCore.Http;
using SharpStack.Core.Errors;
using SharpStack.Core.Microversions;

namespace SharpStack.Core.Tests.Microversions;

public sealed class MicroversionTests
{
    private static readonly MicroversionNegotiator Placement = new("placement", new(1, 0), new(1, 39));
    private static readonly MicroversionNegotiator Nova = new("compute", new(2, 1), new(2, 93), "X-OpenStack-Nova-API-Version");

    [Theory]
    [InlineData("1.0", 1, 0)]
    [InlineData("2.10", 2, 10)]
    [InlineData("10.999", 10, 999)]
    public void Parses(string text, int major, int minor) => Assert.Equal(new Microversion(major, minor), Microversion.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("1.01")]
    [InlineData("01.1")]
    [InlineData("-1.1")]
    [InlineData("1.1.1")]
    [InlineData("a.b")]
    [InlineData(" 1.1")]
    public void Refuses_malformed(string text) => Assert.False(Microversion.TryParse(text, out _));

    [Fact]
    public void Orders_numerically() => Assert.True(Microversion.Parse("2.10") > Microversion.Parse("2.9"));

    [Fact]
    public void Absent_header_means_minimum_and_latest_means_maximum()
    {
        Assert.Equal(new Microversion(1, 0), Placement.Negotiate(new HeaderDictionary()));
        Assert.Equal(new Microversion(1, 39), Placement.Negotiate(new HeaderDictionary { ["OpenStack-API-Version"] = "placement latest" }));
    }

    [Fact]
    public void Other_services_versions_are_ignored()
    {
        var headers = new HeaderDictionary { ["OpenStack-API-Version"] = "compute 2.5, placement 1.20" };
        Assert.Equal(new Microversion(1, 20), Placement.Negotiate(headers));
    }

    [Fact]
    public void Out_of_range_is_406_and_malformed_is_400()
    {
        var tooHigh = Assert.Throws<ApiException>(() => Placement.Negotiate(new HeaderDictionary { ["OpenStack-API-Version"] = "placement 1.40" }));
        Assert.Equal(406, tooHigh.Status);
        var bad = Assert.Throws<ApiException>(() => Placement.Negotiate(new HeaderDictionary { ["OpenStack-API-Version"] = "placement 1.a" }));
        Assert.Equal(400, bad.Status);
    }

    [Fact]
    public void Legacy_header_and_stamping()
    {
        var headers = new HeaderDictionary { ["X-OpenStack-Nova-API-Version"] = "2.53" };
        var version = Nova.Negotiate(headers);
        Assert.Equal(new Microversion(2, 53), version);
        var context = new DefaultHttpContext();
        Nova.Stamp(context.Response, version);
        Assert.Equal("compute 2.53", context.Response.Headers["OpenStack-API-Version"].ToString());
        Assert.Contains("OpenStack-API-Version", context.Response.Headers.Vary.ToString());
    }
}
