using System.Text.Json.Nodes;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>Labels and annotations of generated objects (op:internal/manifests/manifestutils/labels.go, annotations.go).</summary>
public sealed class Labels(CollectorCr cr)
{
    public const string Version = "app.kubernetes.io/version";
    public const string NameKey = "app.kubernetes.io/name";
    public const string ServiceType = "operator.opentelemetry.io/collector-service-type";
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    public SortedDictionary<string, string> Selector() => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/managed-by"] = "opentelemetry-operator",
        ["app.kubernetes.io/instance"] = Naming.Instance(cr.Namespace, cr.Name),
        ["app.kubernetes.io/part-of"] = "opentelemetry",
        ["app.kubernetes.io/component"] = "opentelemetry-collector",
    };

    /// <summary>CR labels, then the selector labels, the version and the object's name (a CR name label wins).</summary>
    public SortedDictionary<string, string> For(string objectName)
    {
        var labels = new SortedDictionary<string, string>(cr.Metadata["labels"].StringMap(), StringComparer.Ordinal);
        foreach (var (k, v) in Selector())
            labels[k] = v;
        labels[Version] = VersionOf(cr.Spec["image"].AsString());
        labels.TryAdd(NameKey, objectName);
        return labels;
    }

    /// <summary>The CR's own annotations (without kubectl's last-applied copy and the host tools' bookkeeping).</summary>
    public SortedDictionary<string, string> Annotations() =>
        new(cr.Metadata["annotations"].StringMap().Where(p => Keep(p.Key)).ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    /// <summary>Pod template annotations: podAnnotations, CR annotations not already set, Prometheus scrape hints, the config hash.</summary>
    public SortedDictionary<string, string> Pod(string hash)
    {
        var pod = new SortedDictionary<string, string>(cr.Spec["podAnnotations"].StringMap().Where(p => Keep(p.Key)).ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
        foreach (var (k, v) in Annotations())
            pod.TryAdd(k, v);
        if (cr.Spec.At("observability", "metrics", "disablePrometheusAnnotations")?.GetValueKind() != System.Text.Json.JsonValueKind.True)
        {
            var added = pod.TryAdd("prometheus.io/scrape", "true") | pod.TryAdd("prometheus.io/port", "8888") | pod.TryAdd("prometheus.io/path", "/metrics");
            if (added)
                pod["operator.opentelemetry.io/prometheus-annotations-added"] = "true";
        }
        pod["opentelemetry-operator-config/sha256"] = hash;
        return pod;
    }

    // local-config marks the CR itself as kept out of the cluster (kpt): the objects made from it must reach the cluster
    private static bool Keep(string key) => key is not LastApplied and not Model.Annotations.LocalConfig && !Model.Annotations.IsToolAnnotation(key);

    /// <summary>The version label from spec.image: the tag, the digest's hex (trimmed to 63), "" for registry-with-port, else latest.</summary>
    public static string VersionOf(string? image)
    {
        var parts = (image ?? "").Split(':');
        switch (parts.Length)
        {
            case 2:
                return Naming.Truncate("{0}", parts[^1]);
            case 3:
                return parts.LastOrDefault(p => p.EndsWith("@sha256", StringComparison.Ordinal)) is { } p ? p[..^"@sha256".Length] : "";
            default:
                return "latest";
        }
    }
}
