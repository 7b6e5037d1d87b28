using SharpStack.Placement.Traits;

namespace SharpStack.Placement.Tests.Traits;

/// <summary>The in-memory LIKE used by GET /traits?name=startswith:.</summary>
public sealed class LikePatternTests
{
    [Theory]
    [InlineData("HW_CPU_X86_SSE41", "HW_CPU_X86_SSE4", true)]
    [InlineData("HW_CPU_X86_SSE41", "hw_cpu", true)]
    [InlineData("HWXCPU", "HW_", true)]
    [InlineData("HW_CPU", "HW%PU", true)]
    [InlineData("HW_CPU", "CPU", false)]
    [InlineData("HW", "HW_", false)]
    [InlineData("AB", "", true)]
    public void Prefix_matching_follows_sql_like(string value, string prefix, bool expected) =>
        Assert.Equal(expected, LikePattern.MatchesPrefix(value, prefix));

    [Fact]
    public void Many_wildcards_stay_cheap()
    {
        var value = new string('A', 255);
        var pattern = string.Concat(Enumerable.Repeat("%A", 100)) + "B";
        Assert.False(LikePattern.MatchesPrefix(value, pattern));
    }
}
