using KrmOtel.Collector;

namespace KrmOtel.Tests.Collector;

public class NamingTests
{
    [Theory]
    [InlineData("simple", "simple-collector")]
    [InlineData("My_Collector", "my-collector-collector")]
    [InlineData("a-very-long-collector-name-that-goes-past-the-limit-of-63-chars", "a-very-long-collector-name-that-goes-past-the-limit-o-collector")]
    [InlineData("a-very-long-collector-name-that-goes-past-the-limit-of-63-chars-", "a-very-long-collector-name-that-goes-past-the-limit-o-collector")]
    public void Collector_names_are_trimmed_then_dns_safe(string cr, string expected)
    {
        Assert.Equal(expected, Naming.Collector(cr));
        Assert.True(Naming.Collector(cr).Length <= 63);
    }

    [Fact]
    public void The_configmap_name_carries_the_first_eight_hash_characters() =>
        Assert.Equal("simple-collector-5723ff27", Naming.ConfigMap("simple", "5723ff27edf2be60d63b08071d96bb77e0643ba2922ff585d3a7990f47830c16"));

    [Fact]
    public void Service_names_derive_from_the_base_service_name()
    {
        Assert.Equal("simple-collector-headless", Naming.Headless("simple"));
        Assert.Equal("simple-collector-monitoring", Naming.Monitoring("simple"));
        Assert.Equal("simple-collector-extension", Naming.Extension("simple"));
        Assert.Equal("simple-collector-networkpolicy", Naming.NetworkPolicy("simple"));
    }

    [Fact]
    public void The_instance_label_shortens_the_namespace_first()
    {
        var name = new string('n', 60);
        Assert.Equal("pr." + name, Naming.Instance("prod", name));
    }

    [Theory]
    [InlineData("_a_", "aaa")]
    [InlineData("A.b", "a-b")]
    public void Dns_replaces_edges_with_a(string input, string expected) => Assert.Equal(expected, Naming.Dns(input));

    [Theory]
    [InlineData("otlp-grpc", 4317, "otlp-grpc")]
    [InlineData("jaeger-thrift_http", 14268, "port-14268")]
    [InlineData("jaeger-thrift_compact", 6831, "port-6831")]
    [InlineData("zipkin/a_b", 9411, "zipkin-a-b")]
    [InlineData("influxdb/metrics", 8086, "port-8086")]
    [InlineData("health_check", 13133, "health-check")]
    [InlineData("otlp/-x", 4317, "otlp--x")]
    [InlineData("otlp/x.", 4317, "port-4317")]
    public void Port_names_follow_naming_PortName(string id, int port, string expected) => Assert.Equal(expected, Naming.PortName(id, port));

    [Theory]
    [InlineData("otlp-grpc", true)]
    [InlineData("otlp-A", false)]
    [InlineData("a--b", false)]
    [InlineData("1234", false)]
    [InlineData("port-4317", true)]
    public void Service_names_are_checked_as_IANA_names(string name, bool valid) => Assert.Equal(valid, Naming.IsServiceName(name));

    [Theory]
    [InlineData(null, "latest")]
    [InlineData("otelcol", "latest")]
    [InlineData("ghcr.io/x/otelcol:0.158.0", "0.158.0")]
    [InlineData("example.com:5000/otelcol:1.2.3", "")]
    [InlineData("example.com:5000/otelcol@sha256:abc", "5000/otelcol")]
    public void The_version_label_comes_from_spec_image(string? image, string expected) => Assert.Equal(expected, Labels.VersionOf(image));
}
