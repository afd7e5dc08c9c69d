using System.Text.Json.Nodes;
using KrmOtel.Tests.Support;
using KrmOtel.Yaml;

namespace KrmOtel.Tests.Sidecar;

/// <summary>
/// Sidecar injection on every workload kind and every form of the annotation: the collector container lands as a
/// native sidecar, a re-render changes nothing, a changed collector updates it in place, and removing the
/// annotation (or setting it to "false") takes out exactly what was added (product.md §5).
/// </summary>
public class SidecarInjectionTests
{
    private static readonly string[] Kinds = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "ReplicationController", "Rollout"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in Kinds)
        {
            foreach (var value in new[] { "true", "sidecar", "shop/sidecar" })
                data.Add(kind, value);
        }
        return data;
    }

    public static TheoryData<string> KindCases() => new(Kinds);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_collector_is_added_as_a_native_sidecar_and_a_rerender_changes_nothing(string kind, string value)
    {
        var first = Render(Collector("v1") + Workload(kind, value));
        var pod = PodOf(Parse(first), kind);
        var otc = pod["spec"]!["initContainers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "otc-container")!;
        Assert.Equal("Always", otc["restartPolicy"]!.GetValue<string>());
        Assert.Equal("registry.example.com/otelcol:v1", otc["image"]!.GetValue<string>());
        Assert.Equal("--config=env:OTEL_CONFIG", otc["args"]!.AsArray().Last()!.GetValue<string>());
        Assert.Equal("shop.sidecar", pod["metadata"]!["labels"]!["sidecar.opentelemetry.io/injected"]!.GetValue<string>());
        Assert.Equal("migrate", pod["spec"]!["initContainers"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(first, Render(Collector("v1") + first));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_changed_collector_updates_the_sidecar_in_place(string kind, string value)
    {
        var first = Render(Collector("v1") + Workload(kind, value));
        var updated = Render(Collector("v2") + first);
        Assert.NotEqual(first, updated);
        Assert.Equal(Render(Collector("v2") + Workload(kind, value)), updated);
    }

    [Theory]
    [MemberData(nameof(KindCases))]
    public void Removing_the_annotation_removes_exactly_what_was_added(string kind)
    {
        var rendered = Parse(Render(Collector("v1") + Workload(kind, "true")));
        PodOf(rendered, kind)["metadata"]!["annotations"]!.AsObject().Remove("sidecar.opentelemetry.io/inject");
        var removed = Render(Collector("v1") + YamlWriter.Write(rendered));
        var expected = Parse(Workload(kind, null));
        Assert.True(JsonNode.DeepEquals(expected, Parse(removed)), $"expected\n{YamlWriter.Write(expected)}\nactual\n{removed}");
    }

    [Theory]
    [MemberData(nameof(KindCases))]
    public void Setting_the_annotation_to_false_removes_exactly_what_was_added(string kind)
    {
        var rendered = Render(Collector("v1") + Workload(kind, "true"));
        var removed = Render(Collector("v1") + rendered.Replace("sidecar.opentelemetry.io/inject: \"true\"", "sidecar.opentelemetry.io/inject: \"false\"", StringComparison.Ordinal));
        var expected = Parse(Workload(kind, "false"));
        Assert.True(JsonNode.DeepEquals(expected, Parse(removed)), $"expected\n{YamlWriter.Write(expected)}\nactual\n{removed}");
    }

    [Fact]
    public void A_namespace_annotation_injects_into_a_template_without_metadata_and_its_removal_restores_it()
    {
        const string job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: report\n  namespace: shop\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: app\n        image: registry.example.com/report:1\n";
        const string ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n    sidecar.opentelemetry.io/inject: \"true\"\n---\n";
        var rendered = Render(Collector("v1") + ns + job);
        var injected = Documents(rendered).Single(d => d["kind"]!.GetValue<string>() == "Job");
        Assert.Equal("shop.sidecar", injected["spec"]!["template"]!["metadata"]!["labels"]!["sidecar.opentelemetry.io/injected"]!.GetValue<string>());
        Assert.Equal(rendered, Render(Collector("v1") + rendered));
        var removed = Render(Collector("v1") + rendered.Replace("    sidecar.opentelemetry.io/inject: \"true\"\n", "", StringComparison.Ordinal));
        Assert.True(JsonNode.DeepEquals(Parse(job), Documents(removed).Single(d => d["kind"]!.GetValue<string>() == "Job")), removed);
    }

    [Fact]
    public void Sidecar_and_instrumentation_share_one_record_and_rerender_to_themselves()
    {
        const string instrumentation = "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata:\n  name: otel\n  namespace: shop\nspec:\n  exporter:\n    endpoint: http://localhost:4318\n---\n";
        var workload = Workload("Deployment", "true").Replace("        team: checkout\n", "        team: checkout\n        instrumentation.opentelemetry.io/inject-java: \"true\"\n", StringComparison.Ordinal);
        var first = Render(instrumentation + Collector("v1") + workload);
        var init = PodOf(Parse(first), "Deployment")["spec"]!["initContainers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>());
        // the operator runs the sidecar mutator before the instrumentation one (internal/operator/webhooks.go)
        Assert.Equal(["migrate", "otc-container", "opentelemetry-auto-instrumentation-java"], init);
        Assert.Single(Documents(first).Where(d => d["kind"]!.GetValue<string>() == "Deployment").Select(d => d["metadata"]!["annotations"]!["krm-otel.dev/injected"]));
        Assert.Equal(first, Render(instrumentation + Collector("v1") + first));
        var withoutSidecar = Render(instrumentation + Collector("v1") + first.Replace("        sidecar.opentelemetry.io/inject: \"true\"\n", "", StringComparison.Ordinal));
        Assert.Equal(Render(instrumentation + Collector("v1") + workload.Replace("        sidecar.opentelemetry.io/inject: \"true\"\n", "", StringComparison.Ordinal)), withoutSidecar);
    }

    [Fact]
    public void The_collectors_own_resource_attributes_suppress_the_pod_level_ones()
    {
        var collector = Collector("v1").Replace("  mode: sidecar\n", "  mode: sidecar\n  env:\n  - name: OTEL_RESOURCE_ATTRIBUTES\n    value: team=checkout\n", StringComparison.Ordinal);
        var rendered = Render(collector + Workload("Pod", "true"));
        var env = PodOf(Parse(rendered), "Pod")["spec"]!["initContainers"]![1]!["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>());
        Assert.Equal(["OTEL_RESOURCE_ATTRIBUTES", "POD_NAME", "GOMEMLIMIT", "GOMAXPROCS", "OTEL_CONFIG"], env);
    }

    [Fact]
    public void A_pod_with_its_own_otc_container_is_left_alone()
    {
        var workload = Workload("Pod", "true").Replace("  containers:\n", "  containers:\n  - name: otc-container\n    image: my/collector:1\n", StringComparison.Ordinal);
        var r = Krm.Run(Collector("v1") + workload, "render", "-");
        Assert.Equal(0, r.Exit);
        Assert.True(JsonNode.DeepEquals(Parse(workload), Parse(r.Stdout)), r.Stdout);
    }

    public static string Collector(string version) => $"""
        apiVersion: opentelemetry.io/v1beta1
        kind: OpenTelemetryCollector
        metadata:
          name: sidecar
          namespace: shop
        spec:
          mode: sidecar
          image: registry.example.com/otelcol:{version}
          volumes:
          - name: buffer
            emptyDir: {"{}"}
          volumeMounts:
          - name: buffer
            mountPath: /buffer
          config:
            receivers:
              otlp:
                protocols:
                  grpc: {"{}"}
            processors:
              batch:
                timeout: {(version == "v1" ? "5s" : "10s")}
            exporters:
              otlp:
                endpoint: gateway.observability:4317
            service:
              pipelines:
                traces:
                  receivers: [otlp]
                  processors: [batch]
                  exporters: [otlp]
        ---

        """;

    // a pod with an init container and a volume of its own; Job and CronJob templates carry no labels
    public static string Workload(string kind, string? value)
    {
        var labels = kind is "Job" or "CronJob" ? "" : "  labels:\n    app: checkout\n";
        var annotations = value is null ? "  annotations:\n    team: checkout\n" : $"  annotations:\n    team: checkout\n    sidecar.opentelemetry.io/inject: \"{value}\"\n";
        var pod = $"""
            metadata:
            {labels}{annotations}spec:
              {(kind is "Job" or "CronJob" ? "restartPolicy: Never\n  " : "")}initContainers:
              - name: migrate
                image: registry.example.com/migrate:1
              containers:
              - name: app
                image: registry.example.com/checkout:2.1.0
              volumes:
              - name: data
                emptyDir: {"{}"}
            """;
        var selector = "  selector:\n    matchLabels:\n      app: checkout\n";
        var (api, body) = kind switch
        {
            "Pod" => ("v1", pod.Replace("metadata:\n", "metadata:\n  name: checkout\n  namespace: shop\n", StringComparison.Ordinal)),
            "ReplicationController" => ("v1", Spec(pod, "")),
            "Job" => ("batch/v1", Spec(pod, "")),
            "CronJob" => ("batch/v1", "spec:\n  schedule: \"@hourly\"\n  jobTemplate:\n    spec:\n      template:\n" + Indent(pod, 8)),
            "Rollout" => ("argoproj.io/v1alpha1", Spec(pod, selector)),
            _ => ("apps/v1", Spec(pod, selector)),
        };
        var head = kind == "Pod" ? "" : "metadata:\n  name: checkout\n  namespace: shop\n";
        return $"apiVersion: {api}\nkind: {kind}\n{head}{body}";
    }

    public static string Render(string input)
    {
        var r = Krm.Run(input, "render", "-");
        Assert.True(r.Exit == 0, r.Stderr);
        return r.Stdout;
    }

    public static JsonObject PodOf(JsonObject workload, string kind) => kind switch
    {
        "Pod" => workload,
        "CronJob" => (JsonObject)workload["spec"]!["jobTemplate"]!["spec"]!["template"]!,
        _ => (JsonObject)workload["spec"]!["template"]!,
    };

    private static List<JsonObject> Documents(string yaml) => YamlReader.ReadStream(yaml).Select(d => (JsonObject)d.Root!).ToList();

    private static JsonObject Parse(string yaml) => Documents(yaml).Single(d => d["kind"]!.GetValue<string>() is not ("OpenTelemetryCollector" or "Instrumentation" or "Namespace"));

    private static string Spec(string pod, string extra) => "spec:\n" + extra + "  template:\n" + Indent(pod, 4);

    private static string Indent(string text, int n) =>
        string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : new string(' ', n) + l)) + "\n";
}
