using System.Text.Json.Nodes;
using KrmOtel.Collector;

namespace KrmOtel.Tests.Collector;

public class ConfigHashTests
{
    private static JsonObject Yaml(string text) => (JsonObject)KrmOtel.Yaml.YamlReader.ReadStream(text)[0].Root!;

    [Fact]
    public void The_empty_config_hashes_like_the_operator_unit_test()
    {
        var shaped = ConfigShape.Of([]);
        Assert.Equal("""{"receivers":null,"exporters":null,"service":{"pipelines":null}}""", ConfigHash.GoJson(shaped));
        Assert.StartsWith("fbcdae6a02b2", ConfigHash.Of(shaped));
    }

    [Fact]
    public void The_defaulted_e2e_config_serializes_and_hashes_as_the_operator()
    {
        var config = Yaml("""
            receivers:
              otlp:
                protocols:
                  grpc: {}
                  http: {}
            processors:
              batch:
                send_batch_size: 10000
                timeout: 10s
            exporters:
              debug: {}
            service:
              pipelines:
                traces:
                  receivers: [otlp]
                  processors: [batch]
                  exporters: [debug]
            """);
        ConfigDefaults.Apply(config, (f, m) => Assert.Fail(f + ": " + m));
        var shaped = ConfigShape.Of(config);
        Assert.Equal(
            """{"receivers":{"otlp":{"protocols":{"grpc":{"endpoint":"0.0.0.0:4317"},"http":{"endpoint":"0.0.0.0:4318"}}}},"exporters":{"debug":{}},"processors":{"batch":{"send_batch_size":10000,"timeout":"10s"}},"service":{"telemetry":{"metrics":{"readers":[{"pull":{"exporter":{"prometheus":{"host":"0.0.0.0","port":8888}}}}]}},"pipelines":{"traces":{"exporters":["debug"],"processors":["batch"],"receivers":["otlp"]}}}}""",
            ConfigHash.GoJson(shaped));
        Assert.StartsWith("5723ff27", ConfigHash.Of(shaped));
        config["processors"]!["batch"]!["timeout"] = "20s";
        Assert.StartsWith("dfcfaead", ConfigHash.Of(ConfigShape.Of(config)));
    }

    [Fact]
    public void Strings_use_go_escaping()
    {
        var node = JsonValue.Create("<a&b>\"\\\n\u2028é");
        Assert.Equal("\"\\u003ca\\u0026b\\u003e\\\"\\\\\\n\\u2028é\"", ConfigHash.GoJson(node));
    }

    [Theory]
    [InlineData(10000, "10000", "10000")]
    [InlineData(1000000, "1000000", "1e+06")]
    [InlineData(1234567, "1234567", "1.234567e+06")]
    [InlineData(0.5, "0.5", "0.5")]
    [InlineData(1e-7, "1e-7", "1e-07")]
    [InlineData(1e21, "1e+21", "1e+21")]
    [InlineData(0.0001, "0.0001", "0.0001")]
    [InlineData(0.00001, "0.00001", "1e-05")]
    [InlineData(-2.5, "-2.5", "-2.5")]
    public void Numbers_format_as_go_float64(double v, string json, string g)
    {
        Assert.Equal(json, GoNumber.Json(v));
        Assert.Equal(g, GoNumber.G(v));
    }
}
