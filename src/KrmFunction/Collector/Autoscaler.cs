using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>The HorizontalPodAutoscaler for spec.autoscaler (op:internal/manifests/collector/horizontalpodautoscaler.go, spec §9).</summary>
public static class Autoscaler
{
    public static JsonObject? Build(CollectorCr cr, Workloads workloads, Typed typed)
    {
        if (cr.Spec["autoscaler"] is not JsonObject autoscaler || Ports.IntOf(autoscaler["maxReplicas"]) is not { } max)
            return null;
        // webhook defaults: minReplicas from replicas, CPU 90% when no target is set
        var min = Ports.IntOf(autoscaler["minReplicas"]) ?? Ports.IntOf(cr.Spec["replicas"]) ?? 1;
        var memory = Ports.IntOf(autoscaler["targetMemoryUtilization"]);
        var cpu = Ports.IntOf(autoscaler["targetCPUUtilization"]);
        if (memory is null && cpu is null)
            cpu = 90;
        var metrics = new List<V2MetricSpec>();
        if (memory is { } m)
            metrics.Add(Resource("memory", m));
        if (cpu is { } c)
            metrics.Add(Resource("cpu", c));
        var spec = typed.From(autoscaler, "spec.autoscaler", Typed.Same("behavior", "metrics"), SourceGenerationContext.Default.V2HorizontalPodAutoscalerSpec,
            ["minReplicas", "maxReplicas", "targetCPUUtilization", "targetMemoryUtilization"]);
        metrics.AddRange(spec.Metrics ?? []);
        spec.Metrics = metrics;
        spec.MinReplicas = min;
        spec.MaxReplicas = max;
        spec.ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "opentelemetry.io/v1beta1", Kind = "OpenTelemetryCollector", Name = cr.Name };
        var hpa = new V2HorizontalPodAutoscaler
        {
            ApiVersion = "autoscaling/v2",
            Kind = "HorizontalPodAutoscaler",
            Metadata = workloads.Meta(Naming.Collector(cr.Name)),
            Spec = spec,
        };
        return Objects.Node(hpa, SourceGenerationContext.Default.V2HorizontalPodAutoscaler);
    }

    private static V2MetricSpec Resource(string name, int utilization) => new()
    {
        Type = "Resource",
        Resource = new V2ResourceMetricSource { Name = name, Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = utilization } },
    };
}
