using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Collector;

/// <summary>
/// Invalid collectors and sidecar requests are error findings naming the object, the field and the file, and refuse
/// the render (exit 1); what is not rendered is a warning naming the field (product.md §4, issue 6 acceptance 5).
/// </summary>
public class CollectorFindingsTests
{
    private const string Pipelines = "    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [debug]\n";
    private const string Otlp = "    receivers:\n      otlp:\n        protocols:\n          grpc: {}\n    exporters:\n      debug: {}\n";

    public static TheoryData<string, string, string, string> Errors() => new()
    {
        // input, object, field, message
        { Sidecar("sidecar") + App("nope"), "Deployment/shop/app", "spec.template.metadata.annotations[sidecar.opentelemetry.io/inject]", "OpenTelemetryCollector \"nope\" not found in namespace \"shop\" (the render has shop/sidecar)" },
        { Sidecar("sidecar") + App("other/sidecar"), "Deployment/shop/app", "spec.template.metadata.annotations[sidecar.opentelemetry.io/inject]", "OpenTelemetryCollector \"sidecar\" not found in namespace \"other\"" },
        { Cr("gateway", "deployment") + App("gateway"), "Deployment/shop/app", "spec.template.metadata.annotations[sidecar.opentelemetry.io/inject]", "OpenTelemetryCollector \"shop/gateway\" is in mode deployment, not sidecar" },
        { Cr("gateway", "deployment") + App("true"), "Deployment/shop/app", "spec.template.metadata.annotations[sidecar.opentelemetry.io/inject]", "no OpenTelemetryCollector in sidecar mode in namespace \"shop\"" },
        { Sidecar("a") + Sidecar("b") + App("true"), "Deployment/shop/app", "spec.template.metadata.annotations[sidecar.opentelemetry.io/inject]", "2 OpenTelemetryCollectors in sidecar mode in namespace \"shop\" (a, b); name one" },
        { Sidecar("sidecar") + Namespace("nope") + App(null), "Deployment/shop/app", "", "annotation sidecar.opentelemetry.io/inject of Namespace shop: OpenTelemetryCollector \"nope\" not found" },
        { Sidecar("sidecar", "  volumes:\n  - name: data\n    emptyDir: {}\n") + App("true"), "Deployment/shop/app", "spec.template.metadata.annotations[sidecar.opentelemetry.io/inject]", "adds volume \"data\", which the pod already has" },
        { Cr("x", "sidecars"), "OpenTelemetryCollector/shop/x", "spec.mode", "unknown mode \"sidecars\" (one of deployment, daemonset, statefulset, sidecar)" },
        { Alpha("    receivers: [otlp\n"), "OpenTelemetryCollector/shop/alpha", "spec.config", "the collector config does not parse as YAML" },
        { Alpha("    - receivers\n"), "OpenTelemetryCollector/shop/alpha", "spec.config", "the collector config is not one YAML mapping" },
        { Cr("x", "deployment", "    receivers:\n      otlp:\n        protocols:\n          grpc: {}\n      otlp/2:\n        protocols:\n          grpc:\n            endpoint: 0.0.0.0:4317\n    exporters:\n      debug: {}\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp, otlp/2]\n          exporters: [debug]\n"), "OpenTelemetryCollector/shop/x", "spec.config.receivers.otlp/2", "port 4317/TCP of receiver otlp/2 (otlp-2-grpc) is already taken by receiver otlp (otlp-grpc)" },
        { Cr("x", "deployment", Otlp + "    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          exporters: [debug, otlp_grpc]\n"), "OpenTelemetryCollector/shop/x", "spec.config.service.pipelines.traces.exporters", "pipeline traces references exporter otlp_grpc, which spec.config.exporters does not define" },
        { Cr("x", "deployment", Otlp.Replace("      debug: {}\n", "      debug: {}\n      jaeger:\n        endpoint: jaeger:14250\n", StringComparison.Ordinal) + Pipelines.Replace("[debug]", "[debug, jaeger]", StringComparison.Ordinal)), "OpenTelemetryCollector/shop/x", "spec.config.exporters.jaeger", "exporter jaeger was removed in collector v0.85.0: use otlp_grpc" },
        { Cr("x", "daemonset", Otlp.Replace("      debug: {}\n", "      logging: {}\n", StringComparison.Ordinal) + Pipelines.Replace("[debug]", "[logging]", StringComparison.Ordinal)), "OpenTelemetryCollector/shop/x", "spec.config.exporters.logging", "exporter logging was removed in collector v0.111.0: use debug" },
        { Cr("x", "deployment", Otlp + "    extensions:\n      memory_ballast:\n        size_mib: 64\n" + Pipelines), "OpenTelemetryCollector/shop/x", "spec.config.extensions.memory_ballast", "extension memory_ballast was removed in collector v0.109.0" },
        { Cr("x", "statefulset", Otlp + Pipelines, "  args:\n    mem-ballast-size-mib: \"64\"\n"), "OpenTelemetryCollector/shop/x", "spec.args.mem-ballast-size-mib", "flag --mem-ballast-size-mib was removed in collector v0.36.0: drop it" },
        { Cr("x", "sidecar", Otlp + Pipelines, "  tolerations:\n  - operator: Exists\n"), "OpenTelemetryCollector/shop/x", "spec.tolerations", "the OpenTelemetry Collector mode is set to sidecar, which does not support the attribute 'tolerations'" },
        { Cr("x", "deployment", Otlp + Pipelines, "  volumeClaimTemplates:\n  - metadata:\n      name: buffer\n"), "OpenTelemetryCollector/shop/x", "spec.volumeClaimTemplates", "the OpenTelemetry Collector mode is set to deployment, which does not support the attribute 'volumeClaimTemplates'" },
        { Cr("x", "deployment", Otlp + Pipelines, "  daemonSetUpdateStrategy:\n    type: OnDelete\n"), "OpenTelemetryCollector/shop/x", "spec.daemonSetUpdateStrategy", "does not support the attribute 'updateStrategy'" },
        { Cr("x", "deployment", "    receivers:\n      otlp:\n        protocols:\n          websocket: {}\n    exporters:\n      debug: {}\n" + Pipelines), "OpenTelemetryCollector/shop/x", "spec.config.receivers.otlp.protocols.websocket", "unknown protocol set: websocket" },
    };

    public static TheoryData<string, string, string, string> Warnings() => new()
    {
        { Cr("x", "deployment", Otlp + Pipelines, "  env:\n  - name: A\n    valueFrm:\n      fieldRef:\n        fieldPath: metadata.name\n"), "OpenTelemetryCollector/shop/x", "spec.env[0].valueFrm", "unknown field: dropped" },
        { Cr("x", "deployment", Otlp + Pipelines, "  livenessProbe:\n    httpGet:\n      path: /\n"), "OpenTelemetryCollector/shop/x", "spec.livenessProbe", "does nothing without an enabled health_check extension" },
        { Cr("x", "deployment", Otlp + "    extensions:\n      health_check: {}\n" + Pipelines.Replace("    service:\n", "    service:\n      extensions: [health_check]\n", StringComparison.Ordinal), "  livenessProbe:\n    httpGet:\n      path: /\n"), "OpenTelemetryCollector/shop/x", "spec.livenessProbe.httpGet", "unknown field: dropped" },
        { Cr("x", "deployment", Otlp + Pipelines, "  podSecurityContext:\n    runAsUser: 1000\n    runAsUsr: 1\n"), "OpenTelemetryCollector/shop/x", "spec.podSecurityContext.runAsUsr", "unknown field: dropped" },
        { Cr("x", "sidecar", Otlp + Pipelines, "  replicas: 3\n  serviceAccount: otel\n"), "OpenTelemetryCollector/shop/x", "spec.serviceAccount", "does nothing in sidecar mode" },
        { Cr("x", "statefulset", Otlp + Pipelines, "  targetAllocator:\n    enabled: true\n"), "OpenTelemetryCollector/shop/x", "spec.targetAllocator", "the TargetAllocator and its prometheus receiver rewrite" },
        { Cr("x", "deployment", Otlp + Pipelines, "  ingress:\n    type: ingress\n"), "OpenTelemetryCollector/shop/x", "spec.ingress.type", "not rendered by krm-otel" },
        { Cr("x", "deployment", Otlp + Pipelines, "  ingress:\n    type: route\n"), "OpenTelemetryCollector/shop/x", "spec.ingress.type", "the OpenShift Routes" },
        { Cr("x", "deployment", Otlp + Pipelines, "  httpRoute:\n    enabled: true\n"), "OpenTelemetryCollector/shop/x", "spec.httpRoute", "the Gateway API HTTPRoutes" },
        { Alpha("    receivers:\n      otlp:\n        protocols:\n          grpc: {}\n    exporters:\n      debug: {}\n" + Pipelines).Replace("spec:\n", "spec:\n  mode: statefulset\n  serviceName: custom\n", StringComparison.Ordinal), "OpenTelemetryCollector/shop/alpha", "spec.serviceName", "not carried over to v1beta1" },
        { Cr("x", "deployment", Otlp + Pipelines, "  someFutureField: 1\n"), "OpenTelemetryCollector/shop/x", "spec.someFutureField", "unknown to krm-otel" },
        { Sidecar("sidecar") + App(null).Replace("  namespace: shop\n", "  namespace: shop\n  annotations:\n    sidecar.opentelemetry.io/inject: \"true\"\n", StringComparison.Ordinal), "Deployment/shop/app", "metadata.annotations[sidecar.opentelemetry.io/inject]", "ignored on the workload's own metadata" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Refused_with_an_error_naming_object_field_and_file(string input, string obj, string field, string message)
    {
        using var dir = Krm.Files(("input.yaml", input));
        var r = Krm.Run("", "render", dir["input.yaml"]);
        Assert.Equal(1, r.Exit);
        Assert.Equal("", r.Stdout);
        var at = $"error: {dir["input.yaml"]}: {obj}: {(field.Length > 0 ? field + ": " : "")}";
        Assert.Contains(message, r.Stderr.Split('\n').Single(l => l.Contains(at, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Warnings))]
    public void Rendered_with_a_warning_naming_object_field_and_file(string input, string obj, string field, string message)
    {
        using var dir = Krm.Files(("input.yaml", input));
        var r = Krm.Run("", "render", dir["input.yaml"]);
        Assert.True(r.Exit == 0, r.Stderr);
        Assert.Contains($"warning: {dir["input.yaml"]}: {obj}: {field}: ", r.Stderr);
        Assert.Contains(message, r.Stderr.Split('\n').Single(l => l.Contains($"{obj}: {field}: ", StringComparison.Ordinal)));
    }

    private static string Cr(string name, string mode, string config = Otlp + Pipelines, string extra = "") =>
        $"apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: {name}\n  namespace: shop\nspec:\n  mode: {mode}\n{extra}  config:\n{config}---\n";

    private static string Sidecar(string name, string extra = "") => Cr(name, "sidecar", Otlp + Pipelines, extra);

    private static string Alpha(string config) =>
        $"apiVersion: opentelemetry.io/v1alpha1\nkind: OpenTelemetryCollector\nmetadata:\n  name: alpha\n  namespace: shop\nspec:\n  config: |\n{config}---\n";

    private static string Namespace(string value) =>
        $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n    sidecar.opentelemetry.io/inject: \"{value}\"\n---\n";

    private static string App(string? value) =>
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: app\n  template:\n    metadata:\n      labels:\n        app: app\n"
        + (value is null ? "" : $"      annotations:\n        sidecar.opentelemetry.io/inject: \"{value}\"\n")
        + "    spec:\n      containers:\n      - name: app\n        image: app:1\n      volumes:\n      - name: data\n        emptyDir: {}\n";
}
