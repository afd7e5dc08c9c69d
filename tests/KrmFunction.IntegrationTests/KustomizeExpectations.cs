using KrmOtel.IntegrationTests.Infrastructure;
using YamlDotNet.RepresentationModel;
using static KrmOtel.IntegrationTests.Infrastructure.Manifests;

namespace KrmOtel.IntegrationTests;

/// <summary>What a kustomize build of examples/kustomization must contain, whichever way krm-otel ran.</summary>
public static class KustomizeExpectations
{
    public static readonly string Example = RepoPaths.Example("kustomization");

    /// <summary>Instrumented by its pod-template annotations.</summary>
    public static readonly GoSidecar Orders = new("demo", "orders", "orders", "1.4.2", "/app/app");

    /// <summary>Not annotated: instrumented by the inject rule of krm-otel.yaml.</summary>
    public static readonly GoSidecar Inventory = new("demo", "inventory", "inventory", "2.0.1", "/app/server");

    /// <summary>A silently skipped plugin also exits 0, so check that the function really ran on both workloads.</summary>
    public static void AssertRendered(string output)
    {
        var rendered = Parse(output);
        var input = Load(Path.Combine(Example, "base", "app.yaml"));
        Orders.AssertInjected(rendered.Get("Deployment", "orders"), input.Get("Deployment", "orders"));
        Inventory.AssertInjected(rendered.Get("Deployment", "inventory"), input.Get("Deployment", "inventory"));
        Assert.Equal(Canonical(input.Get("Service", "orders")), Canonical(rendered.Get("Service", "orders")));
        Assert.Empty(rendered.OfKind("Instrumentation"));
        Assert.Empty(rendered.OfKind("KrmOtel"));
        Assert.Empty(rendered.OfKind("OpenTelemetryCollector"));
        // the collector of base/collector.yaml became the operator's objects; the Instrumentation exports to one of its Services
        var collector = rendered.Objects.Where(o => Scalar(o, "metadata", "labels", "app.kubernetes.io/instance") == "observability.otel").ToList();
        Assert.Contains(collector, o => Describe(o) == "Deployment/otel-collector");
        Assert.Single(collector, o => Scalar(o, "kind") == "ConfigMap");
        Assert.Equal(3 + collector.Count, rendered.Objects.Count);
        Endpoints.AssertServed(rendered, Scalar(Load(Path.Combine(Example, "base", "instrumentation.yaml")).Objects.Single(), "spec", "exporter", "endpoint")!);
        foreach (var o in rendered.Objects)
            AssertNoToolAnnotations(o);
    }

    /// <summary>Copies the example and turns the Go agent off in <paramref name="configFile"/>.</summary>
    public static string CopyWithRefusingConfig(TempDirectory temp, string configFile)
    {
        var copy = temp.CopyFrom(Example, "kustomization");
        var path = Path.Combine(copy, configFile);
        var text = File.ReadAllText(path);
        Assert.Contains("enableGoInstrumentation: true", text);
        File.WriteAllText(path, text.Replace("enableGoInstrumentation: true", "enableGoInstrumentation: false", StringComparison.Ordinal));
        return copy;
    }

    private static void AssertNoToolAnnotations(YamlMappingNode o)
    {
        if (At(o, "metadata", "annotations") is not YamlMappingNode annotations)
            return;
        foreach (var key in annotations.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? ""))
        {
            Assert.False(key.StartsWith("internal.config.kubernetes.io/", StringComparison.Ordinal) || key.StartsWith("kustomize.config.k8s.io/", StringComparison.Ordinal)
                || key is "config.kubernetes.io/index" or "config.kubernetes.io/path" or "config.k8s.io/id", $"{Describe(o)} keeps tool annotation {key}");
        }
    }
}
