using KrmOtel.Collector;
using KrmOtel.Config;
using KrmOtel.Instrumentation;
using KrmOtel.Model;
using KrmOtel.Sidecar;

namespace KrmOtel.Rendering;

/// <summary>
/// What a render knows before it looks at any workload, built from the few objects every workload may depend on
/// (<see cref="IsGlobal"/>): the Instrumentations, the collectors (rendered here, their objects held until the
/// collector's turn), the Namespaces' annotations. After that each object renders alone (<see cref="Item"/>), on any
/// thread and in any order, so a stream can be rendered one object at a time.
/// </summary>
public sealed class RenderPlan
{
    private readonly KrmOtelConfig config;
    private readonly InstrumentationPass pass;
    private readonly Dictionary<Resource, Made> collectors;
    private readonly List<Made> fromSources;
    private readonly HashSet<ResourceRef> fresh;
    private readonly EarlierRender earlier;

    private RenderPlan(KrmOtelConfig config, InstrumentationPass pass, Dictionary<Resource, Made> collectors,
        List<Made> fromSources, EarlierRender earlier)
    {
        this.config = config;
        this.pass = pass;
        this.collectors = collectors;
        this.fromSources = fromSources;
        this.earlier = earlier;
        fresh = collectors.Values.Concat(fromSources).SelectMany(g => g.Objects).Select(g => g.Ref).ToHashSet();
    }

    /// <summary>The objects other objects' renders read: Instrumentations, collectors and Namespaces.</summary>
    public static bool IsGlobal(Resource r) =>
        IsInstrumentation(r) || r.Is("opentelemetry.io", "OpenTelemetryCollector") || (r.Kind == "Namespace" && r.ApiVersion == "v1");

    /// <param name="globals">the items <see cref="IsGlobal"/> holds for, in their order in the render</param>
    /// <param name="config">the loaded function config</param>
    /// <param name="sources">objects read but never written (a generator-style function config)</param>
    /// <param name="findings">where what the globals themselves get wrong goes</param>
    public static RenderPlan Build(IEnumerable<Resource> globals, KrmOtelConfig config, IReadOnlyList<Resource>? sources, List<Finding> findings)
    {
        var own = globals.ToList();
        var all = own.Concat(sources ?? []).ToList();
        var instrumentations = new List<InstrumentationSpec>();
        var invalid = new List<(string, string)>();
        var namespaces = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var entries = new List<CollectorEntry>();
        foreach (var item in all)
        {
            if (IsInstrumentation(item))
            {
                if (InstrumentationReader.Read(item, findings) is { } spec)
                    instrumentations.Add(spec);
                else
                    invalid.Add((item.Namespace ?? "", item.Name));
            }
            else if (item.Is("opentelemetry.io", "OpenTelemetryCollector"))
                entries.Add(SidecarCollector.Entry(item, findings, config.ImageRegistry, config.PodSecurity));
            else if (item.Kind == "Namespace" && item.ApiVersion == "v1")
            {
                if (PodAnnotations.NotAString(item.Node.At("metadata", "annotations")) is { } bad)
                    findings.Add(Finding.Error(bad.Message, item, $"metadata.annotations[{bad.Key}]"));
                namespaces[item.Name] = item.Node.At("metadata", "annotations").StringMap();
            }
        }
        var sidecars = new SidecarInjector(new CollectorIndex(entries));
        var pass = new InstrumentationPass(config, new InstrumentationIndex(instrumentations, invalid), namespaces, [sidecars]);
        // a collector's objects are made now, so that any object can learn whether one of them replaces it
        Made Make(Resource collector)
        {
            var found = new List<Finding>();
            return new Made(CollectorRenderer.Render(collector, found, config.ImageRegistry, config.PodSecurity), found);
        }
        var collectors = own.Where(CollectorRenderer.Handles).ToDictionary(c => c, Make, (IEqualityComparer<Resource>)ReferenceEqualityComparer.Instance);
        var fromSources = (sources ?? []).Where(CollectorRenderer.Handles).Select(Make).ToList();
        return new RenderPlan(config, pass, collectors, fromSources, EarlierRender.Of(all));
    }

    /// <summary>
    /// Renders one object: instruments it if it is a workload, puts in what it stands for if it is a collector.
    /// Adds to <paramref name="output"/> what takes its place in the output (itself, its objects, or nothing).
    /// </summary>
    public void Item(Resource item, List<Finding> findings, List<Resource> output)
    {
        pass.Run(item, findings);
        IReadOnlyList<Resource> generated = [];
        if (collectors.TryGetValue(item, out var made))
        {
            findings.AddRange(made.Findings);
            generated = made.Objects;
        }
        NotYetRendered(item, findings);
        // a collector's objects take its place in the output and replace the same objects and all others from an earlier render
        if (!Consumed(item) && !fresh.Contains(item.Ref) && !earlier.Generated(item))
            output.Add(item);
        output.AddRange(generated);
    }

    /// <summary>What comes after the last object: the objects of collectors given as sources, and their findings.</summary>
    public void Finish(List<Finding> findings, List<Resource> output)
    {
        foreach (var (objects, own) in fromSources)
        {
            findings.AddRange(own);
            output.AddRange(objects);
        }
    }

    // a collector's objects and the findings of making them
    private readonly record struct Made(IReadOnlyList<Resource> Objects, List<Finding> Findings);

    private static bool IsInstrumentation(Resource r) => r.Is("opentelemetry.io", "Instrumentation");

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
    private bool Consumed(Resource r) =>
        (IsInstrumentation(r) || CollectorRenderer.Handles(r) || SidecarCollector.IsSidecar(r)) && !config.KeepCustomResources && !r.IsLocalConfig;
}
