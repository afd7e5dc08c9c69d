using System.Text.Json;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Yaml;

public class ScalarResolverTests
{
    // plain scalar → JSON as kubectl (sigs.k8s.io/yaml on go-yaml v2) reads it
    [Theory]
    [InlineData("yes", "true")]
    [InlineData("Yes", "true")]
    [InlineData("on", "true")]
    [InlineData("y", "true")]
    [InlineData("Y", "true")]
    [InlineData("no", "false")]
    [InlineData("OFF", "false")]
    [InlineData("n", "false")]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("", "null")]
    [InlineData("0777", "511")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("0b101", "5")]
    [InlineData("1_000", "1000")]
    [InlineData("+1", "1")]
    [InlineData("-0", "0")]
    [InlineData("007", "7")]
    [InlineData("08", "8")]
    [InlineData("1e3", "1e3")]
    [InlineData("0.5", "0.5")]
    [InlineData(".5", "0.5")]
    [InlineData("1.", "1")]
    [InlineData("9007199254740993", "9007199254740993")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("12:30", "\"12:30\"")]
    [InlineData("2024-01-01", "\"2024-01-01\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("yess", "\"yess\"")]
    [InlineData("1.9.0", "\"1.9.0\"")]
    [InlineData("500m", "\"500m\"")]
    [InlineData("0x", "\"0x\"")]
    public void Plain_scalars_resolve_as_kubectl_does(string plain, string json)
    {
        var node = ScalarResolver.ResolvePlain(plain);
        Assert.Equal(json, node?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("0777")]
    [InlineData("1e3")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("12:30")]
    [InlineData("2024-01-01")]
    [InlineData(".inf")]
    [InlineData(".NaN")]
    [InlineData("+1")]
    public void Strings_that_read_as_something_else_are_ambiguous(string s) => Assert.True(ScalarResolver.IsAmbiguous(s));

    [Theory]
    [InlineData("500m")]
    [InlineData("1.9.0")]
    [InlineData("app")]
    [InlineData("256Mi")]
    [InlineData("/app/app")]
    public void Ordinary_strings_are_not_ambiguous(string s) => Assert.False(ScalarResolver.IsAmbiguous(s));

    [Fact]
    public void Big_integers_keep_every_digit()
    {
        var node = ScalarResolver.ResolvePlain("123456789012345678901234567890")!;
        Assert.Equal(JsonValueKind.Number, node.GetValueKind());
        Assert.Equal("123456789012345678901234567890", node.ToJsonString());
    }
}
