using System.Text.Json.Nodes;
using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Collector;

/// <summary>
/// Issue 6 acceptance 2: a collector config change changes the ConfigMap name and the workload's reference to it (the
/// config volume and the hash annotation that rolls the pods) and nothing else; an unchanged config, however it is
/// written, renders byte-identically.
/// </summary>
public class ConfigChangeTests
{
    private static readonly string[] Changed =
    [
        "{0} spec.template.metadata.annotations.opentelemetry-operator-config/sha256",
        "{0} spec.template.spec.volumes[0].configMap.name",
        "ConfigMap metadata.name",
        "ConfigMap data.collector.yaml",
    ];

    [Theory]
    [InlineData("deployment", "Deployment")]
    [InlineData("daemonset", "DaemonSet")]
    [InlineData("statefulset", "StatefulSet")]
    public void A_config_change_changes_the_ConfigMap_name_and_the_workloads_reference_and_nothing_else(string mode, string kind)
    {
        var before = Render(Collector(mode, "5s"));
        var after = Render(Collector(mode, "10s"));
        Assert.Equal(Changed.Select(c => string.Format(System.Globalization.CultureInfo.InvariantCulture, c, kind)), Differences(before, after));
        var configMap = after.Single(d => d["kind"]!.GetValue<string>() == "ConfigMap")["metadata"]!["name"]!.GetValue<string>();
        var workload = after.Single(d => d["kind"]!.GetValue<string>() == kind);
        Assert.Equal(configMap, workload["spec"]!["template"]!["spec"]!["volumes"]![0]!["configMap"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void In_sidecar_mode_a_config_change_changes_only_the_sidecars_OTEL_CONFIG()
    {
        const string app = "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: app\n  template:\n    metadata:\n      labels:\n        app: app\n      annotations:\n        sidecar.opentelemetry.io/inject: \"true\"\n    spec:\n      containers:\n      - name: app\n        image: app:1\n";
        var before = Render(Collector("sidecar", "5s") + app);
        var after = Render(Collector("sidecar", "10s") + app);
        Assert.Equal(["Deployment spec.template.spec.initContainers[0].env[3].value"], Differences(before, after));
        Assert.Equal("OTEL_CONFIG", after.Single()["spec"]!["template"]!["spec"]!["initContainers"]![0]!["env"]![3]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("deployment")]
    [InlineData("sidecar")]
    public void An_unchanged_config_renders_byte_identically_however_it_is_written(string mode)
    {
        var app = mode == "sidecar" ? "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: shop\n  annotations:\n    sidecar.opentelemetry.io/inject: \"true\"\nspec:\n  containers:\n  - name: app\n    image: app:1\n" : "";
        var first = Krm.Run(Collector(mode, "5s") + app, "render", "-");
        Assert.Equal(0, first.Exit);
        Assert.Equal(first.Stdout, Krm.Run(Collector(mode, "5s") + app, "render", "-").Stdout);
        // the same config in another key order and flow style: the operator hashes the parsed config, not its text
        var reordered = Collector(mode, "5s").Replace(Config("5s"), "    service:\n      pipelines:\n        traces: {exporters: [otlp], processors: [batch], receivers: [otlp]}\n    exporters: {otlp: {endpoint: \"gateway:4317\"}}\n    processors: {batch: {timeout: 5s}}\n    receivers: {otlp: {protocols: {grpc: {}}}}\n", StringComparison.Ordinal);
        Assert.NotEqual(Collector(mode, "5s"), reordered);
        Assert.Equal(first.Stdout, Krm.Run(reordered + app, "render", "-").Stdout);
    }

    private static List<JsonObject> Render(string input)
    {
        var r = Krm.Run(input, "render", "-");
        Assert.True(r.Exit == 0, r.Stderr);
        return [.. r.Documents.Cast<JsonObject>()];
    }

    // the paths whose values differ, object by object (paired by kind: one object of each kind here)
    private static List<string> Differences(List<JsonObject> before, List<JsonObject> after)
    {
        Assert.Equal(before.Select(d => d["kind"]!.GetValue<string>()), after.Select(d => d["kind"]!.GetValue<string>()));
        var paths = new List<string>();
        for (var i = 0; i < before.Count; i++)
            Diff(before[i], after[i], "", before[i]["kind"]!.GetValue<string>(), paths);
        return paths;
    }

    private static void Diff(JsonNode? a, JsonNode? b, string path, string kind, List<string> paths)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)))
                Diff(oa[key], ob[key], path.Length == 0 ? key : $"{path}.{key}", kind, paths);
        }
        else if (a is JsonArray aa && b is JsonArray ab && aa.Count == ab.Count)
        {
            for (var i = 0; i < aa.Count; i++)
                Diff(aa[i], ab[i], $"{path}[{i}]", kind, paths);
        }
        else if (!JsonNode.DeepEquals(a, b))
            paths.Add($"{kind} {path}");
    }

    private static string Config(string timeout) =>
        $"    receivers:\n      otlp:\n        protocols:\n          grpc: {{}}\n    processors:\n      batch:\n        timeout: {timeout}\n    exporters:\n      otlp:\n        endpoint: gateway:4317\n    service:\n      pipelines:\n        traces:\n          receivers: [otlp]\n          processors: [batch]\n          exporters: [otlp]\n";

    private static string Collector(string mode, string timeout) =>
        $"apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: otel\n  namespace: shop\nspec:\n  mode: {mode}\n  config:\n{Config(timeout)}";
}
