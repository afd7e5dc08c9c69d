using System.Text.Json.Nodes;
using KrmOtel.Collector;

namespace KrmOtel.Tests.Collector;

/// <summary>The port inference table (spec §8.2), one receiver or exporter per row.</summary>
public class PortInferenceTests
{
    public static TheoryData<string, string, string> Receivers => new()
    {
        // kind: id: settings (YAML flow), expected "name port protocol appProtocol targetPort" per port
        { "receivers", "otlp: {protocols: {grpc: {}, http: {}}}", "otlp-grpc 4317 - grpc 4317; otlp-http 4318 - http 4318" },
        { "receivers", "otlp/2: {protocols: {grpc: {endpoint: 0.0.0.0:5317}}}", "otlp-2-grpc 5317 - grpc 5317" },
        { "receivers", "jaeger: {protocols: {grpc: {}, thrift_http: {}, thrift_compact: {}}}", "jaeger-grpc 14250 TCP grpc 14250; port-14268 14268 TCP http 14268; port-6831 6831 UDP - 6831" },
        { "receivers", "zipkin: {}", "zipkin 9411 TCP http 9411" },
        { "receivers", "statsd: {endpoint: 0.0.0.0:9125}", "statsd 9125 UDP - 9125" },
        { "receivers", "fluentforward: {}", "fluentforward 8006 - - 8006" },
        { "receivers", "influxdb/metrics: {}", "port-8086 8086 - - 8086" },
        { "receivers", "udp_log: {listen_address: 0.0.0.0:54525}", "udp-log 54525 UDP - -" },
        { "receivers", "kafka: {}", "" },
        { "receivers", "hostmetrics: {endpoint: localhost:1234}", "hostmetrics 1234 - - -" },
        { "receivers", "kubelet_stats: {endpoint: node:10250}", "" },
        { "receivers", "prometheus: {api_server: {enabled: true, server_config: {endpoint: 0.0.0.0:9999}}}", "prometheus 9999 - - -" },
        { "exporters", "prometheus: {}", "prometheus 8888 - - -" },
        { "exporters", "prometheus/x: {endpoint: 0.0.0.0:9092}", "prometheus-x 9092 - - -" },
        { "exporters", "otlp: {endpoint: collector:4317}", "" },
    };

    [Theory]
    [MemberData(nameof(Receivers))]
    public void Enabled_components_yield_the_table_ports(string kind, string component, string expected)
    {
        var section = (JsonObject)KrmOtel.Yaml.YamlReader.ReadStream("{" + component + "}")[0].Root!;
        var id = section.First().Key;
        var config = new JsonObject
        {
            [kind] = section,
            ["service"] = new JsonObject { ["pipelines"] = new JsonObject { ["traces"] = new JsonObject { [kind] = new JsonArray(id) } } },
        };
        ConfigDefaults.Apply(config, (f, m) => Assert.Fail(f + ": " + m));
        var ports = Ports.ServicePorts(config, (f, m) => Assert.Fail(f + ": " + m));
        Assert.Equal(expected, string.Join("; ", ports.Select(p => $"{p.Name} {p.Port} {p.Protocol ?? "-"} {p.AppProtocol ?? "-"} {(p.TargetPort ? p.Port.ToString() : "-")}")));
    }

    [Fact]
    public void Components_outside_every_pipeline_yield_nothing()
    {
        var config = new JsonObject { ["receivers"] = new JsonObject { ["zipkin"] = new JsonObject() }, ["service"] = new JsonObject { ["pipelines"] = new JsonObject() } };
        Assert.Empty(Ports.ServicePorts(config, (f, m) => Assert.Fail(m)));
    }

    [Theory]
    [InlineData("{endpoint: '[::1]:4317'}", 1)]
    [InlineData("{endpoint: 'localhost:0'}", null)]
    [InlineData("{listen_address: '0.0.0.0:514'}", 514)]
    [InlineData("{endpoint: '${env:HOST}:4317'}", 4317)]
    public void The_port_is_the_first_colon_digits_match(string settings, int? port) =>
        Assert.Equal(port, Ports.PortOf(KrmOtel.Yaml.YamlReader.ReadStream(settings)[0].Root));

    [Fact]
    public void Tcp_log_without_a_port_is_an_error()
    {
        var config = new JsonObject
        {
            ["receivers"] = new JsonObject { ["tcp_log"] = new JsonObject() },
            ["service"] = new JsonObject { ["pipelines"] = new JsonObject { ["logs"] = new JsonObject { ["receivers"] = new JsonArray("tcp_log") } } },
        };
        var errors = new List<string>();
        Ports.ServicePorts(config, (f, m) => errors.Add(m));
        Assert.Contains(errors, e => e.Contains("port should not be empty", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "0.0.0.0:4317")]
    [InlineData(":5317", "0.0.0.0:5317")]
    [InlineData("5317", "0.0.0.0:5317")]
    [InlineData("localhost:4317", "localhost:4317")]
    [InlineData("${env:POD_IP}:4317", "${env:POD_IP}:4317")]
    public void The_webhook_fills_a_missing_host(string endpoint, string expected) =>
        Assert.Equal(expected, ConfigDefaults.Endpoint(endpoint.Length == 0 ? null : JsonValue.Create(endpoint), 4317)!.GetValue<string>());
}
