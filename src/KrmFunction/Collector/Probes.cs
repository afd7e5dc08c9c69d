using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>Liveness, readiness and startup probes from an enabled health_check extension (op:internal/components/extensions/healthcheckv1.go).</summary>
public static class Probes
{
    public static void Apply(V1Container c, JsonObject config, JsonObject spec, Typed typed)
    {
        // the operator picks one health_check from a Go map (arbitrary with several): the first by name here
        var id = Enabled.Of(config).Extensions.Order(StringComparer.Ordinal).FirstOrDefault(e => Components.TypeOf(e) == "health_check");
        if (id is null)
            return;
        var settings = config.At("extensions", id);
        var path = settings.At("path").AsString() is { Length: > 0 } p ? p : "/";
        var port = Ports.PortOf(settings) ?? 13133;
        c.LivenessProbe = Probe(path, port, spec["livenessProbe"], typed, "spec.livenessProbe");
        c.ReadinessProbe = Probe(path, port, spec["readinessProbe"], typed, "spec.readinessProbe");
        c.StartupProbe = Probe(path, port, spec["startupProbe"], typed, "spec.startupProbe");
    }

    private static V1Probe Probe(string path, int port, JsonNode? tuning, Typed typed, string field)
    {
        var probe = tuning is JsonObject o
            ? typed.From(o, field, Typed.Same("initialDelaySeconds", "periodSeconds", "failureThreshold", "successThreshold", "timeoutSeconds", "terminationGracePeriodSeconds"),
                SourceGenerationContext.Default.V1Probe, [])
            : new V1Probe();
        probe.HttpGet = new V1HTTPGetAction { Path = path, Port = port };
        return probe;
    }
}
