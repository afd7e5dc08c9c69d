using System.Text.Json.Nodes;
using KrmOtel.Collector;

namespace KrmOtel.Tests.Collector;

public class GoYamlTests
{
    [Theory]
    [InlineData("0.0.0.0:4317", "0.0.0.0:4317")]
    [InlineData("${env:MY_POD_IP}:4317", "${env:MY_POD_IP}:4317")]
    [InlineData("https://*.example.com", "https://*.example.com")]
    [InlineData("", "\"\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("123", "\"123\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("-", "\"-\"")]
    [InlineData("*x", "\"*x\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("a #b", "\"a #b\"")]
    [InlineData("2024-01-02", "\"2024-01-02\"")]
    [InlineData("key:", "\"key:\"")]
    [InlineData("10s", "10s")]
    public void Strings_are_quoted_only_where_goccy_quotes(string s, string expected) => Assert.Equal(expected, GoYaml.Str(s));

    [Fact]
    public void Sequences_indent_under_their_key_and_maps_in_sequences_start_on_the_dash()
    {
        var shaped = ConfigShape.Of(new JsonObject
        {
            ["receivers"] = new JsonObject { ["otlp"] = null },
            ["exporters"] = new JsonObject { ["debug"] = new JsonObject() },
            ["service"] = new JsonObject
            {
                ["telemetry"] = new JsonObject { ["metrics"] = new JsonObject { ["readers"] = new JsonArray(new JsonObject { ["pull"] = new JsonObject { ["b"] = 1, ["a"] = 2 } }) } },
                ["pipelines"] = new JsonObject { ["traces"] = new JsonObject { ["receivers"] = new JsonArray("otlp"), ["exporters"] = new JsonArray("debug") } },
            },
        });
        Assert.Equal("""
            receivers:
              otlp: null
            exporters:
              debug: {}
            service:
              telemetry:
                metrics:
                  readers:
                    - pull:
                        a: 2
                        b: 1
              pipelines:
                traces:
                  exporters:
                    - debug
                  receivers:
                    - otlp

            """.Replace("\r", ""), GoYaml.Write(shaped));
    }
}
