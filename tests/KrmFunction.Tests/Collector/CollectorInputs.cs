namespace KrmOtel.Tests.Collector;

/// <summary>Inputs the collector tests share: a small collector of any mode, and a Deployment asking for its sidecar.</summary>
public static class CollectorInputs
{
    /// <param name="extra">more spec lines, each indented two spaces and ending in a line break</param>
    public static string Collector(string mode, string extra = "") =>
        "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: c\n  namespace: demo\nspec:\n"
        + $"  mode: {mode}\n" + extra
        + "  config:\n    receivers: {otlp: {protocols: {grpc: {}}}}\n    exporters: {debug: {}}\n"
        + "    service: {pipelines: {traces: {receivers: [otlp], exporters: [debug]}}}\n";

    public const string SidecarWorkload = """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: demo
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata:
              labels: {app: web}
              annotations:
                sidecar.opentelemetry.io/inject: "true"
            spec:
              containers:
              - name: app
                image: registry.example.com/web:1.0
        """;
}
