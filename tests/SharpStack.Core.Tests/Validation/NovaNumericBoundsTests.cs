using System.Text.Json.Nodes;
using SharpStack.Core.Validation;

namespace SharpStack.Core.Tests.Validation;

/// <summary>nova's _SchemaValidator checks minimum/maximum through python's int() (else float()): strings, booleans
/// and floats are converted first, what does not convert is skipped, and the message shows the converted value.</summary>
public sealed class NovaNumericBoundsTests
{
    private static readonly JsonSchema Bounded = JsonSchema.Parse("""{"minimum": 1, "maximum": 3}""", JsonSchemaOptions.Nova);

    [Theory]
    [InlineData("\"0\"", "0 is less than the minimum of 1")]
    [InlineData("\" 5 \"", "5 is greater than the maximum of 3")]
    [InlineData("\"1_0\"", "10 is greater than the maximum of 3")]
    [InlineData("0.5", "0 is less than the minimum of 1")]
    [InlineData("\"0.5\"", "0.5 is less than the minimum of 1")]
    [InlineData("false", "0 is less than the minimum of 1")]
    [InlineData("\"4e0\"", "4.0 is greater than the maximum of 3")]
    public void Converted_values_are_bounded(string json, string message) =>
        Assert.Equal(message, Bounded.Validate(JsonNode.Parse(json))?.Message);

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"_1\"")]
    [InlineData("null")]
    [InlineData("[5]")]
    [InlineData("\"2\"")]
    [InlineData("true")]
    public void Values_python_cannot_convert_or_within_bounds_pass(string json) =>
        Assert.Null(Bounded.Validate(JsonNode.Parse(json)));

    [Fact]
    public void Without_the_option_strings_are_not_bounded() =>
        Assert.Null(JsonSchema.Parse("""{"minimum": 1}""", JsonSchemaOptions.Keystone).Validate(JsonNode.Parse("\"0\"")));
}
