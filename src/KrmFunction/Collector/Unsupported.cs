using System.Text.Json;
using System.Text.Json.Nodes;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>Everything of a CR this release does not render, as warnings naming the field (never a silent omission).</summary>
public static class Unsupported
{
    /// <summary>Spec fields the builders read, or that change nothing at render time (configVersions: only the current ConfigMap is emitted).</summary>
    private static readonly HashSet<string> Handled = new(StringComparer.Ordinal)
    {
        "mode", "managementState", "upgradeStrategy", "configVersions", "config", "replicas", "image", "imagePullPolicy", "command",
        "args", "env", "envFrom", "resources", "securityContext", "lifecycle", "volumeMounts", "volumes", "initContainers",
        "additionalContainers", "nodeSelector", "tolerations", "affinity", "podSecurityContext", "priorityClassName",
        "terminationGracePeriodSeconds", "topologySpreadConstraints", "hostNetwork", "hostPID", "hostUsers", "hostAliases",
        "shareProcessNamespace", "dnsPolicy", "podDnsConfig", "podAnnotations", "serviceAccount", "ports", "ipFamilies",
        "ipFamilyPolicy", "trafficDistribution", "sessionAffinity", "sessionAffinityConfig", "podDisruptionBudget",
        "deploymentUpdateStrategy", "daemonSetUpdateStrategy", "volumeClaimTemplates", "persistentVolumeClaimRetentionPolicy",
        "serviceName", "podManagementPolicy", "configmaps", "networkPolicy", "livenessProbe", "readinessProbe", "startupProbe",
        "observability", "targetAllocator", "ingress", "autoscaler", "httpRoute",
    };

    /// <summary>What the sidecar webhook reads of a CR (op:internal/manifests/collector/container.go, pkg/sidecar/pod.go); the rest does nothing in sidecar mode.</summary>
    private static readonly HashSet<string> SidecarApplied = new(StringComparer.Ordinal)
    {
        "mode", "managementState", "upgradeStrategy", "configVersions", "config", "image", "imagePullPolicy", "command", "args",
        "env", "envFrom", "resources", "securityContext", "lifecycle", "volumeMounts", "volumes", "initContainers", "configmaps",
        "ports", "livenessProbe", "readinessProbe", "startupProbe",
    };

    public static void Report(Resource item, CollectorCr cr, JsonObject config, List<Finding> findings)
    {
        void Warn(string field, string what) =>
            findings.Add(Finding.Warning($"not rendered by krm-otel {Cli.VersionInfo.Version}: {what}, which the operator would create", item, field));

        foreach (var (key, _) in cr.Spec.Where(p => !Handled.Contains(p.Key)))
            findings.Add(Finding.Warning($"unknown to krm-otel {Cli.VersionInfo.Version}: ignored, nothing rendered from it", item, "spec." + key));
        if (!Enabled.Of(config).Extensions.Any(e => Components.TypeOf(e) == "health_check"))
        {
            foreach (var probe in ((string[])["livenessProbe", "readinessProbe", "startupProbe"]).Where(p => cr.Spec[p] is not null))
                findings.Add(Finding.Warning("does nothing without an enabled health_check extension: the operator derives the probes from it", item, "spec." + probe));
        }
        if (cr.Mode == "sidecar")
        {
            foreach (var (key, _) in cr.Spec.Where(p => p.Value is not null && Handled.Contains(p.Key) && !SidecarApplied.Contains(p.Key) && !Validation.Refuses(cr, p.Key)))
                findings.Add(Finding.Warning("does nothing in sidecar mode: the operator's sidecar webhook adds only the container, its init containers and volumes to the pod", item, "spec." + key));
            return;
        }
        if (cr.Spec["autoscaler"] is JsonObject autoscaler && autoscaler["maxReplicas"] is null)
            findings.Add(Finding.Warning("spec.autoscaler without maxReplicas: the operator rejects it (spec.maxReplica must be set when spec.minReplica is set)", item, "spec.autoscaler"));
        if (cr.Spec.At("targetAllocator", "enabled")?.GetValueKind() == JsonValueKind.True)
            Warn("spec.targetAllocator", "the TargetAllocator and its prometheus receiver rewrite");
        if (cr.Spec.At("ingress", "type").AsString() is { Length: > 0 } type)
            Warn("spec.ingress.type", type == "route" ? "the OpenShift Routes" : "the Ingress");
        if (cr.Spec["httpRoute"] is JsonObject { Count: > 0 })
            Warn("spec.httpRoute", "the Gateway API HTTPRoutes");
        if (cr.Metadata["labels"].StringMap().ContainsKey("opentelemetry.io/target-allocator"))
            Warn("metadata.labels[opentelemetry.io/target-allocator]", "the prometheus receiver rewrite for the standalone TargetAllocator");
    }
}
