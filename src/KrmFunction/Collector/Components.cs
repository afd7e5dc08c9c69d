namespace KrmOtel.Collector;

/// <summary>One port a component listens on by default: the protocol key (multi-protocol receivers), number, transport, app protocol.</summary>
public sealed record DefaultPort(string? Key, int Port, string? Protocol = null, string? AppProtocol = null, bool TargetPort = true);

public enum PortRule
{
    /// <summary>The endpoint's port, else the default; the webhook fills a missing endpoint host.</summary>
    Single,

    /// <summary>One endpoint per key under <c>protocols</c>.</summary>
    MultiProtocol,

    /// <summary>A port only when the endpoint names one; never defaulted.</summary>
    EndpointOnly,

    /// <summary>Never a port (scrapers, Kubernetes API receivers).</summary>
    None,
}

public sealed record Component(string Type, PortRule Rule, IReadOnlyList<DefaultPort> Ports, bool PortRequired = false);

/// <summary>The operator's component registry as far as ports go (op:internal/components/{receivers,exporters,extensions}/helpers.go).</summary>
public static class Components
{
    private static Component Single(string type, int port, string? protocol = null, string? app = null) =>
        new(type, PortRule.Single, [new DefaultPort(null, port, protocol, app)]);

    private static Component Multi(string type, params DefaultPort[] ports) => new(type, PortRule.MultiProtocol, ports);

    private static Component NoPort(string type) => new(type, PortRule.None, []);

    private static readonly Component[] ReceiverTable =
    [
        Multi("otlp", new("grpc", 4317, null, "grpc"), new("http", 4318, null, "http")),
        Multi("jaeger", new("grpc", 14250, "TCP", "grpc"), new("thrift_http", 14268, "TCP", "http"),
            new("thrift_compact", 6831, "UDP"), new("thrift_binary", 6832, "UDP")),
        Multi("skywalking", new("grpc", 11800, null, "grpc"), new("http", 12800, null, "http")),
        Multi("loki", new("grpc", 9095, null, "grpc"), new("http", 3100, null, "http")),
        Single("zipkin", 9411, "TCP", "http"),
        Single("awsxray", 2000, "UDP"),
        Single("statsd", 8125, "UDP"),
        Single("carbon", 2003),
        Single("wavefront", 2003),
        Single("collectd", 8081),
        Single("fluent_forward", 8006),
        Single("influxdb", 8086),
        Single("sapm", 7276),
        Single("signalfx", 9943),
        Single("splunk_hec", 8088),
        new("tcp_log", PortRule.Single, [new DefaultPort(null, 0, "TCP", null, TargetPort: false)], PortRequired: true),
        new("udp_log", PortRule.Single, [new DefaultPort(null, 0, "UDP", null, TargetPort: false)], PortRequired: true),
        NoPort("kubelet_stats"), NoPort("k8s_cluster"), NoPort("k8s_events"), NoPort("k8s_objects"),
        NoPort("ssh_check"), NoPort("cloud_foundry"), NoPort("vcenter"), NoPort("oracledb"), NoPort("snmp"),
        NoPort("googlecloudpubsub"), NoPort("chrony"), NoPort("jmx"), NoPort("podman_stats"), NoPort("pulsar"),
        NoPort("docker_stats"), NoPort("aerospike"), NoPort("zookeeper"), NoPort("prometheus_simple"), NoPort("saphana"),
        NoPort("riak"), NoPort("redis"), NoPort("rabbitmq"), NoPort("purefb"), NoPort("postgresql"), NoPort("nsxt"),
        NoPort("nginx"), NoPort("mysql"), NoPort("memcached"), NoPort("http_check"), NoPort("haproxy"),
        NoPort("flink_metrics"), NoPort("couchdb"), NoPort("filelog"),
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["fluentforward"] = "fluent_forward", ["tcplog"] = "tcp_log", ["udplog"] = "udp_log",
        ["kubeletstats"] = "kubelet_stats", ["k8sobjects"] = "k8s_objects", ["sshcheck"] = "ssh_check",
        ["cloudfoundry"] = "cloud_foundry", ["httpcheck"] = "http_check", ["flinkmetrics"] = "flink_metrics",
    };

    private static readonly Dictionary<string, Component> Receivers = ReceiverTable.ToDictionary(c => c.Type, StringComparer.Ordinal);

    private static readonly Component PrometheusExporter = new("prometheus", PortRule.Single, [new DefaultPort(null, 8888, TargetPort: false)]);

    private static readonly Component EndpointOnly = new("", PortRule.EndpointOnly, [new DefaultPort(null, 0, TargetPort: false)]);

    private static readonly Component Nothing = NoPort("");

    /// <summary>The component type of an id: the part before '/', with the pre-snake_case aliases resolved.</summary>
    public static string TypeOf(string id)
    {
        var type = id.Contains('/') ? id[..id.IndexOf('/')] : id;
        return Aliases.GetValueOrDefault(type, type);
    }

    /// <summary>Receivers: the table, prometheus (handled by the caller: api_server only), else endpoint-only.</summary>
    public static Component Receiver(string id) => Receivers.GetValueOrDefault(TypeOf(id)) ?? EndpointOnly;

    public static Component Exporter(string id) => TypeOf(id) == "prometheus" ? PrometheusExporter : Nothing;

    /// <summary>True for the components the webhook rewrites (a default port to fill in).</summary>
    public static bool HasDefaulter(Component c) => c.Rule is PortRule.MultiProtocol || (c.Rule is PortRule.Single && c.Type.Length > 0 && c.Ports[0].Port > 0);
}
