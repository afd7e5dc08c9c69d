using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>
/// Objects an earlier render generated for a collector that is in this render: kpt writes generated objects into the
/// package, so they come back as input, carrying the operator's managed-by and instance labels. The fresh objects
/// replace them, so a ConfigMap whose hash name changed goes instead of piling up. Unmanaged collectors are left alone,
/// as the operator leaves their objects.
/// </summary>
public sealed class EarlierRender(IReadOnlySet<string> instances)
{
    private const string ManagedBy = "app.kubernetes.io/managed-by";
    private const string Instance = "app.kubernetes.io/instance";

    public static EarlierRender Of(IEnumerable<Resource> items) =>
        new(items.Where(i => i.Is("opentelemetry.io", "OpenTelemetryCollector") && i.Node.At("spec", "managementState").AsString() != "unmanaged")
            .Select(i => Naming.Instance(i.Namespace ?? "default", i.Name))
            .ToHashSet(StringComparer.Ordinal));

    public bool Generated(Resource item) =>
        !item.Is("opentelemetry.io", "OpenTelemetryCollector")
        && item.Node.At("metadata", "labels", ManagedBy).AsString() == "opentelemetry-operator"
        && item.Node.At("metadata", "labels", Instance).AsString() is { } instance
        && instances.Contains(instance);
}
