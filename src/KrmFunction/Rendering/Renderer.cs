using KrmOtel.Collector;
using KrmOtel.Config;
using KrmOtel.Instrumentation;
using KrmOtel.Model;
using KrmOtel.Sidecar;

namespace KrmOtel.Rendering;

/// <summary>The render's outcome: the items to write and every finding.</summary>
public sealed record RenderResult(IReadOnlyList<Resource> Items, IReadOnlyList<Finding> Findings)
{
    public bool Refused(Severity failOn) => Findings.Any(f => f.Severity >= failOn);
}

/// <summary>The pure core: (items, config) → (items, findings). No I/O.</summary>
public static class Renderer
{
    /// <param name="items">what the render writes back, changed where instrumented</param>
    /// <param name="config">the loaded function config</param>
    /// <param name="sources">objects read but never written (a generator-style function config)</param>
    public static RenderResult Render(IReadOnlyList<Resource> items, KrmOtelConfig config, IReadOnlyList<Resource>? sources = null)
    {
        var findings = new List<Finding>();
        var instrumentations = new List<InstrumentationSpec>();
        var invalid = new List<(string, string)>();
        var namespaces = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var collectors = new List<CollectorEntry>();
        foreach (var item in items.Concat(sources ?? []))
        {
            if (IsInstrumentation(item))
            {
                if (InstrumentationReader.Read(item, findings) is { } spec)
                    instrumentations.Add(spec);
                else
                    invalid.Add((item.Namespace ?? "", item.Name));
            }
            else if (item.Is("opentelemetry.io", "OpenTelemetryCollector"))
                collectors.Add(SidecarCollector.Entry(item, findings));
            else if (item.Kind == "Namespace" && item.ApiVersion == "v1")
            {
                if (PodAnnotations.NotAString(item.Node.At("metadata", "annotations")) is { } bad)
                    findings.Add(Finding.Error(bad.Message, item, $"metadata.annotations[{bad.Key}]"));
                namespaces[item.Name] = PodContext.StringMap(item.Node.At("metadata", "annotations"));
            }
        }
        var sidecars = new SidecarInjector(new CollectorIndex(collectors));
        var pass = new InstrumentationPass(config, new InstrumentationIndex(instrumentations, invalid), namespaces, [sidecars]);
        // workloads are independent and everything they share is read-only: both cores work, the findings keep item order
        var perItem = new List<Finding>[items.Count];
        var generated = new IReadOnlyList<Resource>[items.Count];
        Parallel.For(0, items.Count, Workers(items.Count), i =>
        {
            perItem[i] = [];
            pass.Run(items[i], perItem[i]);
            generated[i] = CollectorRenderer.Handles(items[i]) ? CollectorRenderer.Render(items[i], perItem[i]) : [];
            NotYetRendered(items[i], perItem[i]);
        });
        foreach (var list in perItem)
            findings.AddRange(list);
        foreach (var source in (sources ?? []).Where(CollectorRenderer.Handles))
            generated = [.. generated, CollectorRenderer.Render(source, findings)];
        // a collector's objects take its place in the output and replace the same objects and all others from an earlier render
        var fresh = generated.SelectMany(g => g).Select(g => g.Ref).ToHashSet();
        var earlier = EarlierRender.Of(items.Concat(sources ?? []));
        var output = new List<Resource>();
        for (var i = 0; i < generated.Length; i++)
        {
            if (i < items.Count && !Consumed(items[i], config) && !fresh.Contains(items[i].Ref) && !earlier.Generated(items[i]))
                output.Add(items[i]);
            output.AddRange(generated[i]);
        }
        return new RenderResult(output, findings);
    }

    private static bool IsInstrumentation(Resource r) => r.Is("opentelemetry.io", "Instrumentation");

    /// <summary>One worker for small inputs (no thread start-up cost), every core for large ones.</summary>
    public static ParallelOptions Workers(int items) => new() { MaxDegreeOfParallelism = items < 256 ? 1 : Environment.ProcessorCount };

    // a collector this release cannot render is said so, never passed through silently
    private static void NotYetRendered(Resource item, List<Finding> findings)
    {
        if (!item.Is("opentelemetry.io", "OpenTelemetryCollector") || CollectorRenderer.Handles(item) || SidecarCollector.IsSidecar(item))
            SidecarInjector.WarnMisplaced(item, findings);
        else if (item.ApiVersion is "opentelemetry.io/v1beta1" or "opentelemetry.io/v1alpha1")
            findings.Add(Finding.Error($"unknown mode \"{CollectorCr.ModeOf(item)}\" (one of {string.Join(", ", CollectorCr.Modes)})", item, "spec.mode"));
        else
            findings.Add(Finding.Warning($"OpenTelemetryCollector {item.ApiVersion} is not rendered by krm-otel {Cli.VersionInfo.Version} (it reads v1beta1 and v1alpha1): passed through unchanged", item, "apiVersion"));
    }

    // Operator resources become what they describe; kept when asked, or when they are local-config (kpt keeps those in their files).
    private static bool Consumed(Resource r, KrmOtelConfig config) =>
        (IsInstrumentation(r) || CollectorRenderer.Handles(r) || SidecarCollector.IsSidecar(r)) && !config.KeepCustomResources && !r.IsLocalConfig;
}
