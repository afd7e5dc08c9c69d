using System.Text.Json.Nodes;

namespace KrmOtel.Model;

/// <summary>
/// What the sidecar webhook adds to a pod for one sidecar-mode collector (pkg/sidecar/pod.go add): the collector's
/// init containers, the otc-container (without the pod-dependent resource attributes), its volumes and the value of
/// the <c>sidecar.opentelemetry.io/injected</c> label.
/// </summary>
public sealed record SidecarParts(JsonObject Container, IReadOnlyList<JsonObject> InitContainers, IReadOnlyList<JsonObject> Volumes, string InjectedLabel);

/// <summary>An OpenTelemetryCollector of the render: where it is, its mode and, in sidecar mode, its sidecar (null when it cannot be built).</summary>
public sealed record CollectorEntry(string? Namespace, string Name, string Mode, SidecarParts? Sidecar);

/// <summary>The collectors of the render, looked up as the sidecar webhook does (pkg/sidecar/podmutator.go getCollectorInstance).</summary>
public sealed class CollectorIndex(IEnumerable<CollectorEntry> all)
{
    public const string SidecarMode = "sidecar";

    private readonly List<CollectorEntry> all = all.ToList();

    /// <summary>The sidecar an effective annotation value selects, or why none: where the operator leaves the pod alone, here an error.</summary>
    public (CollectorEntry? Found, string? Error) Resolve(string value, string? podNamespace)
    {
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var sidecars = all.Where(c => c.Namespace == podNamespace && c.Mode == SidecarMode).ToList();
            return sidecars.Count switch
            {
                1 => Usable(sidecars[0]),
                0 => (null, $"no OpenTelemetryCollector in sidecar mode in namespace \"{podNamespace}\" (\"true\" selects the only one there; the operator would leave the pod without a collector)"),
                _ => (null, $"{sidecars.Count} OpenTelemetryCollectors in sidecar mode in namespace \"{podNamespace}\" ({string.Join(", ", sidecars.Select(c => c.Name))}); name one (the operator would leave the pod without a collector)"),
            };
        }
        // strings.Cut: everything after the first '/' is the name
        var slash = value.IndexOf('/');
        var (ns, name) = slash >= 0 ? (value[..slash], value[(slash + 1)..]) : (podNamespace, value);
        var found = all.FirstOrDefault(c => (c.Namespace ?? "") == (ns ?? "") && c.Name == name);
        if (found is null)
            return (null, $"OpenTelemetryCollector \"{name}\" not found in namespace \"{ns}\"{Known()}");
        return found.Mode == SidecarMode
            ? Usable(found)
            : (null, $"OpenTelemetryCollector \"{ns}/{name}\" is in mode {found.Mode}, not sidecar (the operator would leave the pod without a collector)");
    }

    private static (CollectorEntry?, string?) Usable(CollectorEntry c) =>
        c.Sidecar is null ? (null, $"OpenTelemetryCollector \"{c.Namespace}/{c.Name}\" is invalid (see its own findings)") : (c, null);

    private string Known() => all.Count == 0
        ? " (the render has no OpenTelemetryCollector)"
        : $" (the render has {string.Join(", ", all.Select(c => $"{c.Namespace}/{c.Name}"))})";
}
