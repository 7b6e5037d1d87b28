using SharpStack.Identity.Catalog;

namespace SharpStack.Identity.Tests.Catalog;

/// <summary>Expected values recorded from python3 running Keystone's check_endpoint_url / format_url logic.</summary>
public sealed class EndpointUrlTests
{
    [Theory]
    [InlineData("http://a/v2", true)]
    [InlineData("http://a/$(tenant_id)s", true)]
    [InlineData("http://a/%(project_id)s/x", true)]
    [InlineData("http://a/$(bad)s", false)]
    [InlineData("http://a/%20", false)]
    [InlineData("http://a/%%20", true)]
    [InlineData("http://a/%s", true)]
    [InlineData("http://a/%s%s", false)]
    [InlineData("http://a/%(tenant_id)d", false)]
    [InlineData("http://a/%(user_id)r", true)]
    [InlineData("http://a/%", false)]
    [InlineData("http://a/$(tenant_id", false)]
    [InlineData("http://a/%(user_id)s%s", false)]
    [InlineData("http://a/%5%", false)]
    [InlineData("http://a/%(admin_port)05d", false)]
    [InlineData("http://a/%ld", false)]
    [InlineData("http://a/%(tenant_id)ls", true)]
    [InlineData("http://a/%(tenant_id)*s", false)]
    [InlineData("http://a/%c", false)]
    [InlineData("http://a/%(tenant_id)c", false)]
    [InlineData("http://a/%(tenant_id)-10s|", true)]
    [InlineData("http://a/%(compute_host)s", true)]
    [InlineData("http://a/$(public_port)s:$(admin_port)s", true)]
    [InlineData("http://a/%(a(b)c)s", false)]
    [InlineData("http://a/%x", false)]
    public void IsValid_matches_check_endpoint_url(string url, bool valid) => Assert.Equal(valid, EndpointUrl.IsValid(url));

    [Theory]
    [InlineData("http://a/v2/$(tenant_id)s", "http://a/v2/p1")]
    [InlineData("http://a/%(user_id)s/%%/x", "http://a/u1/%/x")]
    [InlineData("http://a/$(public_port)s:$(admin_port)d", "http://a/5000:35357")]
    [InlineData("http://a/%(admin_port)08d", "http://a/00035357")]
    [InlineData("http://a/$(public_endpoint)s", "http://a/None")]
    [InlineData("http://a/%(public_bind_host)s", "http://a/0.0.0.0")]
    [InlineData("http://a/%(compute_host)s", null)]
    [InlineData("http://a/%(tenant_id).1s", "http://a/p")]
    [InlineData("http://a/%(admin_port)x", "http://a/8a1d")]
    [InlineData("http://a/%(admin_port)#o", "http://a/0o105035")]
    [InlineData("http://a/%(user_id)5s|%(user_id)-5s|", "http://a/   u1|u1   |")]
    [InlineData("http://a/%20", null)]
    public void Format_matches_format_url(string url, string? expected) => Assert.Equal(expected, EndpointUrl.Format(url, "u1", "p1"));

    [Fact]
    public void Project_urls_are_left_out_without_a_project()
    {
        Assert.Null(EndpointUrl.Format("http://a/$(project_id)s", "u1", null));
        Assert.Equal("http://a/u1", EndpointUrl.Format("http://a/$(user_id)s", "u1", null));
        Assert.Equal("http://x:5000/v3", EndpointUrl.Format("$(public_endpoint)s/v3", "u1", null, "http://x:5000"));
    }
}
