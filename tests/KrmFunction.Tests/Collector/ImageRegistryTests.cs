using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Tests.Support;

namespace KrmOtel.Tests.Collector;

/// <summary>
/// The function config's imageRegistry is the registry of every image krm-otel adds (product.md §3): the collector's
/// own container too, in the workloads it generates and as a sidecar, whether its image is the default or given.
/// </summary>
public class ImageRegistryTests
{
    private const string Config = "apiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n  imageRegistry: mirror.example.com/otel\n";

    [Theory]
    [InlineData("deployment", null, "mirror.example.com/otel/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector:0.158.0")]
    [InlineData("daemonset", "otel/opentelemetry-collector-contrib:0.158.0", "mirror.example.com/otel/otel/opentelemetry-collector-contrib:0.158.0")]
    [InlineData("statefulset", "quay.io/team/collector:1", "mirror.example.com/otel/team/collector:1")]
    [InlineData("sidecar", null, "mirror.example.com/otel/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector:0.158.0")]
    public void The_collector_image_is_pulled_from_the_registry_given(string mode, string? image, string expected)
    {
        using var dir = Krm.Files(("config.yaml", Config));
        var input = CollectorInputs.Collector(mode, image is null ? "" : $"  image: {image}\n") + (mode == "sidecar" ? CollectorInputs.SidecarWorkload : "");
        var withRegistry = Krm.Run(input, "render", "-", "--config", Path.Combine(dir.Path, "config.yaml"));
        var without = Krm.Run(input, "render", "-");
        Assert.Equal(0, withRegistry.Exit);
        Assert.Equal([expected], Images(withRegistry));
        Assert.Equal([image ?? KrmOtel.Collector.Container.DefaultImage], Images(without));
        // nothing else changes
        Assert.Equal(without.Stdout.Replace(image ?? KrmOtel.Collector.Container.DefaultImage, expected), withRegistry.Stdout);
    }

    private static List<string> Images(RunResult r) =>
        [.. r.Documents.OfType<JsonObject>()
            .SelectMany(d => new[] { "containers", "initContainers" }.Select(k => d.At("spec", "template", "spec", k) as JsonArray))
            .SelectMany(cs => cs?.OfType<JsonObject>() ?? [])
            .Where(c => c["name"]?.GetValue<string>() == KrmOtel.Collector.Container.Name)
            .Select(c => c["image"]!.GetValue<string>())];
}
