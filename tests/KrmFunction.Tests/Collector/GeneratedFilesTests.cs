using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Collector;

/// <summary>Where generated objects go in a kpt package, and how a re-render recognises the objects it wrote before.</summary>
public class GeneratedFilesTests
{
    private const string Collector = """
        apiVersion: opentelemetry.io/v1beta1
        kind: OpenTelemetryCollector
        metadata:
          name: NAME
          namespace: observability
          annotations:
            config.kubernetes.io/local-config: "true"
        spec:
          config:
            receivers:
              otlp:
                protocols:
                  grpc: {}
            processors:
              batch:
                timeout: 5s
            exporters:
              debug: {}
            service:
              pipelines:
                traces:
                  receivers: [otlp]
                  processors: [batch]
                  exporters: [debug]
        """;

    private static string Cr(string name = "otel", string timeout = "5s") => Collector.Replace("NAME", name).Replace("5s", timeout);

    private static List<JsonObject> Items(RunResult result) => [.. result.ResourceList["items"]!.AsArray().Select(i => (JsonObject)i!)];

    private static string? Annotation(JsonObject o, string key) => o["metadata"]?["annotations"]?[key]?.GetValue<string>();

    [Theory]
    [InlineData("otel/otel-collector.yaml", true)]
    [InlineData("otel/a.b-collector.yaml", true)]
    [InlineData("/etc/otel-collector.yaml", false)]
    [InlineData("otel/../../x-collector.yaml", false)]
    [InlineData("otel/./x.yaml", false)]
    [InlineData("otel//x.yaml", false)]
    [InlineData("otel\\x.yaml", false)]
    [InlineData("", false)]
    public void Only_relative_paths_inside_the_package_are_accepted(string path, bool inside) =>
        Assert.Equal(inside, PackagePath.Problem(path) is null);

    [Fact]
    public void Every_generated_object_goes_to_the_collector_file_with_its_own_index()
    {
        var result = Krm.Run(Krm.ResourceList(Cr()));

        Assert.Equal(0, result.Exit);
        var generated = Items(result).Where(i => i["kind"]!.GetValue<string>() != "OpenTelemetryCollector").ToList();
        Assert.Equal("Deployment", generated[0]["kind"]!.GetValue<string>());
        Assert.Contains(generated, g => g["kind"]!.GetValue<string>() == "ConfigMap");
        Assert.All(generated, g => Assert.Equal("otel/otel-collector.yaml", Annotation(g, "config.kubernetes.io/path")));
        // the CR is local-config (kept out of the cluster); what it becomes must reach the cluster
        Assert.All(generated, g => Assert.Null(Annotation(g, "config.kubernetes.io/local-config")));
        Assert.All(generated, g => Assert.Null(g["spec"]?["template"]?["metadata"]?["annotations"]?["config.kubernetes.io/local-config"]));
        Assert.Equal(Enumerable.Range(0, generated.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            generated.Select(g => Annotation(g, "config.kubernetes.io/index")));
    }

    [Fact]
    public void A_name_that_would_leave_the_package_is_an_error_naming_the_field()
    {
        var result = Krm.Run(Krm.ResourceList(Cr(name: "../../etc/cron.d/x")));

        Assert.Equal(1, result.Exit);
        var error = result.ResourceList["results"]!.AsArray().Single(r => r!["severity"]!.GetValue<string>() == "error")!;
        Assert.Equal("metadata.name", error["field"]!["path"]!.GetValue<string>());
        // refused as an object name before any path is made of it (the path is checked again where it is made)
        Assert.Contains("\"../../etc/cron.d/x\" is not a valid object name", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("-collector.yaml", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rerender_replaces_what_the_last_render_generated_and_drops_the_ConfigMap_of_the_old_hash()
    {
        var first = Krm.Run(Krm.ResourceList(Cr()));
        var firstItems = Items(first);
        var oldConfigMap = firstItems.Single(i => i["kind"]!.GetValue<string>() == "ConfigMap")["metadata"]!["name"]!.GetValue<string>();
        // what kpt sends next: the files it wrote (the generated objects) with the collector edited
        var written = string.Join("\n---\n", firstItems.Where(i => i["kind"]!.GetValue<string>() != "OpenTelemetryCollector").Select(i => i.ToJsonString()));

        var second = Krm.Run(Krm.ResourceList(Cr(timeout: "10s") + "\n---\n" + written));

        Assert.Equal(0, second.Exit);
        var configMaps = Items(second).Where(i => i["kind"]!.GetValue<string>() == "ConfigMap").Select(i => i["metadata"]!["name"]!.GetValue<string>()).ToList();
        var name = Assert.Single(configMaps);
        Assert.NotEqual(oldConfigMap, name);
        Assert.Equal(firstItems.Count, Items(second).Count);
    }

    [Fact]
    public void Objects_of_another_collector_and_of_unmanaged_collectors_are_kept()
    {
        var other = Krm.Run(Krm.ResourceList(Cr(name: "other")));
        var otherConfigMap = Items(other).Single(i => i["kind"]!.GetValue<string>() == "ConfigMap").ToJsonString();
        var unmanaged = Cr(name: "other").Replace("spec:\n", "spec:\n  managementState: unmanaged\n", StringComparison.Ordinal);

        var withOther = Krm.Run(Krm.ResourceList(Cr() + "\n---\n" + otherConfigMap));
        var withUnmanaged = Krm.Run(Krm.ResourceList(Cr() + "\n---\n" + unmanaged + "\n---\n" + otherConfigMap));

        Assert.Contains(Items(withOther), i => i.ToJsonString() == otherConfigMap);
        Assert.Contains(Items(withUnmanaged), i => i.ToJsonString() == otherConfigMap);
    }
}
