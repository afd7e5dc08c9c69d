using System.Text.Json.Nodes;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>Config problems that refuse the render (product.md §4): components removed from the collector, pipeline references to nothing.</summary>
public static class Validation
{
    private sealed record Removed(string Kind, string Type, string Message);

    private static readonly Removed[] RemovedComponents =
    [
        new("exporters", "jaeger", "exporter jaeger was removed in collector v0.85.0: use otlp_grpc to Jaeger's OTLP port 4317"),
        new("exporters", "jaeger_thrift", "exporter jaeger_thrift was removed in collector v0.85.0: use otlp_grpc to Jaeger's OTLP port 4317"),
        new("exporters", "logging", "exporter logging was removed in collector v0.111.0: use debug"),
        new("extensions", "memory_ballast", "extension memory_ballast was removed in collector v0.109.0: drop it (the operator sets GOMEMLIMIT; use the memory_limiter processor)"),
    ];

    private static readonly (string Arg, string Message)[] RemovedFlags =
    [
        ("mem-ballast-size-mib", "flag --mem-ballast-size-mib was removed in collector v0.36.0: drop it, the operator sets GOMEMLIMIT"),
    ];

    /// <summary>Spec fields the webhook refuses in some modes (collector_webhook.go validate): the field, the attribute its message names, the modes that refuse it.</summary>
    private sealed record ModeRule(string Field, string Attribute, Func<string, bool> Refuses, string? Inner = null);

    private static readonly ModeRule[] ModeRules =
    [
        new("volumeClaimTemplates", "volumeClaimTemplates", m => m != "statefulset"),
        new("persistentVolumeClaimRetentionPolicy", "persistentVolumeClaimRetentionPolicy", m => m != "statefulset"),
        new("tolerations", "tolerations", m => m == "sidecar"),
        new("priorityClassName", "priorityClassName", m => m == "sidecar"),
        new("affinity", "affinity", m => m == "sidecar"),
        new("additionalContainers", "AdditionalContainers", m => m == "sidecar"),
        new("daemonSetUpdateStrategy", "updateStrategy", m => m != "daemonset", "type"),
        new("deploymentUpdateStrategy", "deploymentUpdateStrategy", m => m != "deployment", "type"),
    ];

    public static void Check(Resource item, CollectorCr cr, List<Finding> findings)
    {
        foreach (var rule in ModeRules.Where(r => Refuses(cr, r.Field)))
            findings.Add(Finding.Error($"the OpenTelemetry Collector mode is set to {cr.Mode}, which does not support the attribute '{rule.Attribute}'", item, "spec." + rule.Field));
        foreach (var r in RemovedComponents)
        {
            if (cr.Config[r.Kind] is JsonObject section)
            {
                foreach (var id in section.Select(p => p.Key).Where(id => Components.TypeOf(id) == r.Type))
                    findings.Add(Finding.Error(r.Message, item, $"spec.config.{r.Kind}.{id}"));
            }
        }
        if (cr.Spec["args"] is JsonObject args)
        {
            foreach (var (arg, message) in RemovedFlags.Where(f => args.ContainsKey(f.Arg)))
                findings.Add(Finding.Error(message, item, $"spec.args.{arg}"));
        }
        Pipelines(item, cr.Config, findings);
    }

    /// <summary>True when the webhook refuses this spec field in the CR's mode (an error of its own).</summary>
    public static bool Refuses(CollectorCr cr, string field) =>
        ModeRules.Any(r => r.Field == field && r.Refuses(cr.Mode) && IsSet(r.Inner is null ? cr.Spec[r.Field] : cr.Spec.At(r.Field, r.Inner)));

    private static bool IsSet(JsonNode? node) => node switch
    {
        JsonArray a => a.Count > 0,
        JsonObject => true,
        JsonValue v => v.AsString() is not "",
        _ => false,
    };

    // a pipeline naming a component its section does not define (connectors serve as receivers and exporters)
    private static void Pipelines(Resource item, JsonObject config, List<Finding> findings)
    {
        if (config.At("service", "pipelines") is not JsonObject pipelines)
            return;
        foreach (var (name, pipeline) in pipelines)
        {
            foreach (var (kind, sections) in new[] { ("receivers", new[] { "receivers", "connectors" }), ("processors", ["processors"]), ("exporters", ["exporters", "connectors"]) })
            {
                if (pipeline.At(kind) is not JsonArray ids)
                    continue;
                foreach (var id in ids.Select(i => i.AsString()).OfType<string>())
                {
                    if (!sections.Any(s => config[s] is JsonObject o && o.ContainsKey(id)))
                        findings.Add(Finding.Error($"pipeline {name} references {kind[..^1]} {id}, which spec.config.{kind} does not define", item, $"spec.config.service.pipelines.{name}.{kind}"));
                }
            }
        }
        if (config.At("service", "extensions") is JsonArray extensions)
        {
            foreach (var id in extensions.Select(i => i.AsString()).OfType<string>().Where(id => config["extensions"] is not JsonObject o || !o.ContainsKey(id)))
                findings.Add(Finding.Error($"service.extensions references extension {id}, which spec.config.extensions does not define", item, "spec.config.service.extensions"));
        }
    }
}
