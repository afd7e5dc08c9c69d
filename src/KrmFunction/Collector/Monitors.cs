using System.Text.Json.Nodes;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>
/// The Prometheus-operator ServiceMonitors for observability.metrics.enableMetrics (op:internal/manifests/collector/servicemonitor.go,
/// spec §9). A CRD with no KubernetesClient model, so built as JSON.
/// </summary>
public static class Monitors
{
    public static IEnumerable<JsonObject> Build(CollectorCr cr, JsonObject config, Labels labels)
    {
        if (cr.Spec.At("observability", "metrics", "enableMetrics")?.GetValueKind() != System.Text.Json.JsonValueKind.True)
            yield break;
        var prometheus = Ports.ExporterPorts(config, (_, _) => { }).Where(p => p.Name.Contains("prometheus", StringComparison.Ordinal)).Select(p => p.Name).ToList();
        if (prometheus.Count > 0)
            yield return Monitor(cr, labels, Naming.Collector(cr.Name), prometheus, "base");
        yield return Monitor(cr, labels, Naming.Collector(cr.Name + "-monitoring"), ["monitoring"], "monitoring");
    }

    private static JsonObject Monitor(CollectorCr cr, Labels labels, string name, List<string> ports, string serviceType)
    {
        var objectLabels = labels.For(name);
        foreach (var (k, v) in cr.Spec.At("observability", "metrics", "extraLabels").StringMap())
            objectLabels[k] = v;
        var selector = labels.Selector();
        selector[Labels.ServiceType] = serviceType;
        return new JsonObject
        {
            ["apiVersion"] = "monitoring.coreos.com/v1",
            ["kind"] = "ServiceMonitor",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = cr.Namespace, ["labels"] = Map(objectLabels) },
            ["spec"] = new JsonObject
            {
                ["endpoints"] = new JsonArray([.. ports.Select(p => (JsonNode)new JsonObject { ["port"] = p })]),
                ["namespaceSelector"] = new JsonObject { ["matchNames"] = new JsonArray(cr.Namespace) },
                ["selector"] = new JsonObject { ["matchLabels"] = Map(selector) },
            },
        };
    }

    private static JsonObject Map(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(pairs.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
}
