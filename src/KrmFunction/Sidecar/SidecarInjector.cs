using System.Text.Json.Nodes;
using KrmOtel.Instrumentation;
using KrmOtel.Model;

namespace KrmOtel.Sidecar;

/// <summary>
/// The sidecar half of the webhook (op:pkg/sidecar/podmutator.go Mutate, spec §11): a pod (template) or its Namespace
/// annotated <c>sidecar.opentelemetry.io/inject</c> gets the selected sidecar-mode collector as a native sidecar.
/// Where the operator leaves the pod alone and only logs (no or several collectors, a missing one, one not in
/// sidecar mode), this is an error.
/// </summary>
public sealed class SidecarInjector(CollectorIndex collectors) : IPodMutator
{
    public const string Annotation = "sidecar.opentelemetry.io/inject";
    public const string InjectedLabel = "sidecar.opentelemetry.io/injected";
    public const string ContainerName = "otc-container";

    public bool Wants(IReadOnlyDictionary<string, string> podAnnotations, IReadOnlyDictionary<string, string> namespaceAnnotations) =>
        podAnnotations.ContainsKey(Annotation) || namespaceAnnotations.ContainsKey(Annotation);

    public void Mutate(PodContext pod, List<Finding> findings)
    {
        var value = pod.Effective(Annotation);
        if (value.Length == 0)
            return;
        var own = pod.Annotations.ContainsKey(Annotation);
        var field = own ? $"{pod.Kind.TemplateField}metadata.annotations[{Annotation}]" : null;
        var via = own ? "" : $"annotation {Annotation} of Namespace {pod.Namespace}: ";
        var present = pod.Containers.Concat(pod.InitContainers).OfType<JsonObject>().Any(c => EnvList.Name(c) == ContainerName);
        if (value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            if (present)
                findings.Add(Finding.Warning($"{via}\"false\": the operator's webhook would delete the pod's {ContainerName}, which krm-otel did not add and leaves as it is; remove it from the manifest", pod.Workload, field));
            return;
        }
        if (present)
        {
            findings.Add(Finding.Info($"already has an {ContainerName} krm-otel did not add: left as it is, as the operator would", pod.Workload, field));
            return;
        }
        var (found, error) = collectors.Resolve(value, pod.Workload.Namespace);
        if (found?.Sidecar is not { } parts)
        {
            findings.Add(Finding.Error(via + error, pod.Workload, field));
            return;
        }
        if (Clash(pod, parts) is { } clash)
        {
            findings.Add(Finding.Error($"{via}the sidecar of OpenTelemetryCollector \"{found.Namespace}/{found.Name}\" adds {clash}, which the pod already has (the API server would refuse the duplicate)", pod.Workload, field));
            return;
        }
        if (pod.Workload.Namespace is null)
            findings.Add(Finding.Warning("not set: the sidecar's k8s.namespace.name resource attribute is omitted and the collector is looked up among those without a namespace", pod.Workload, "metadata.namespace"));
        foreach (var init in parts.InitContainers)
            pod.AppendTo("initContainers", (JsonObject)init.DeepClone());
        pod.AppendTo("initContainers", WithResourceAttributes((JsonObject)parts.Container.DeepClone(), pod.Workload.Namespace));
        foreach (var volume in parts.Volumes)
            pod.AppendTo("volumes", (JsonObject)volume.DeepClone());
        pod.SetLabel(InjectedLabel, parts.InjectedLabel);
    }

    /// <summary>The annotation on a workload's own metadata, where the operator never looks (it reads the pod's).</summary>
    public static void WarnMisplaced(Resource item, List<Finding> findings)
    {
        if (WorkloadKind.Of(item) is { Kind: not "Pod" } && item.Node.At("metadata", "annotations", Annotation) is not null)
            findings.Add(Finding.Warning("ignored on the workload's own metadata (the operator reads pod annotations only): move it to the pod template's metadata.annotations", item, $"metadata.annotations[{Annotation}]"));
    }

    private static string? Clash(PodContext pod, SidecarParts parts)
    {
        var containers = pod.Containers.Concat(pod.InitContainers).OfType<JsonObject>().Select(EnvList.Name).ToHashSet(StringComparer.Ordinal);
        var volumes = (pod.Spec["volumes"] as JsonArray ?? []).OfType<JsonObject>().Select(EnvList.Name).ToHashSet(StringComparer.Ordinal);
        return parts.InitContainers.Select(EnvList.Name).FirstOrDefault(containers.Contains) is { } c ? $"init container \"{c}\""
            : parts.Volumes.Select(EnvList.Name).FirstOrDefault(volumes.Contains) is { } v ? $"volume \"{v}\""
            : null;
    }

    /// <summary>
    /// The pod-level resource attributes (attributes.go), unless the collector's env sets OTEL_RESOURCE_ATTRIBUTES itself.
    /// The ReplicaSet and Deployment the operator reads from the API do not exist at render time (spec §14).
    /// </summary>
    private static JsonObject WithResourceAttributes(JsonObject container, string? ns)
    {
        if (container["env"] is not JsonArray env || env.OfType<JsonObject>().Any(e => EnvList.Name(e) == SdkConfig.ResourceAttributesVar))
            return container;
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["k8s.pod.name"] = $"$({SdkConfig.PodNameVar})",
            ["k8s.pod.uid"] = $"$({SdkConfig.PodUidVar})",
            ["k8s.node.name"] = $"$({SdkConfig.NodeNameVar})",
        };
        if (ns is not null)
            attributes["k8s.namespace.name"] = ns;
        env.Add((JsonNode)K8sObjects.FieldRefEnv(SdkConfig.PodNameVar, "metadata.name"));
        env.Add((JsonNode)K8sObjects.FieldRefEnv(SdkConfig.PodUidVar, "metadata.uid"));
        env.Add((JsonNode)K8sObjects.FieldRefEnv(SdkConfig.NodeNameVar, "spec.nodeName"));
        env.Add((JsonNode)K8sObjects.Env(SdkConfig.ResourceAttributesVar, string.Join(",", attributes.Select(a => $"{a.Key}={a.Value}"))));
        return container;
    }
}
