using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KrmOtel.Config;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>The Deployment, DaemonSet or StatefulSet (op:internal/manifests/collector/{deployment,daemonset,statefulset}.go, spec §5).</summary>
public sealed class Workloads(CollectorCr cr, Labels labels, Typed typed, string registry, PodSecurityLevel podSecurity = PodSecurityLevel.Privileged)
{
    /// <summary>What the function config's podSecurity forbids in the pod (<see cref="PodStandard"/>), with the CR field.</summary>
    public List<(string Message, string Field)> Refusals { get; } = [];

    public JsonObject Build(string configMapName, string hash, PortPlan ports, JsonObject config)
    {
        var name = Naming.Collector(cr.Name);
        var meta = Meta(name);
        var selector = new V1LabelSelector { MatchLabels = labels.Selector() };
        var template = new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = labels.For(name), Annotations = labels.Pod(hash) },
            Spec = PodSpec(configMapName, ports, config),
        };
        var spec = cr.Spec;
        switch (cr.Mode)
        {
            case "daemonset":
                var ds = typed.From(spec, "spec", [("daemonSetUpdateStrategy", "updateStrategy")], SourceGenerationContext.Default.V1DaemonSetSpec);
                ds.Selector = selector;
                ds.Template = template;
                return Objects.Node(new V1DaemonSet { ApiVersion = "apps/v1", Kind = "DaemonSet", Metadata = meta, Spec = ds }, SourceGenerationContext.Default.V1DaemonSet);
            case "statefulset":
                var ss = typed.From(spec, "spec", Typed.Same("volumeClaimTemplates", "persistentVolumeClaimRetentionPolicy"), SourceGenerationContext.Default.V1StatefulSetSpec);
                ss.ServiceName = spec["serviceName"].AsString() is { Length: > 0 } svc ? svc : Naming.Headless(cr.Name);
                ss.PodManagementPolicy = spec["podManagementPolicy"].AsString() is { Length: > 0 } pmp ? pmp : "Parallel";
                ss.Replicas = Replicas();
                ss.Selector = selector;
                ss.Template = template;
                return Objects.Node(new V1StatefulSet { ApiVersion = "apps/v1", Kind = "StatefulSet", Metadata = meta, Spec = ss }, SourceGenerationContext.Default.V1StatefulSet);
            default:
                var d = typed.From(spec, "spec", [("deploymentUpdateStrategy", "strategy")], SourceGenerationContext.Default.V1DeploymentSpec);
                d.Replicas = Replicas();
                d.Selector = selector;
                d.Template = template;
                return Objects.Node(new V1Deployment { ApiVersion = "apps/v1", Kind = "Deployment", Metadata = meta, Spec = d }, SourceGenerationContext.Default.V1Deployment);
        }
    }

    public V1ObjectMeta Meta(string name, SortedDictionary<string, string>? objectLabels = null, IDictionary<string, string>? extraAnnotations = null)
    {
        var annotations = labels.Annotations();
        foreach (var (k, v) in extraAnnotations ?? new Dictionary<string, string>())
            annotations.TryAdd(k, v);
        return new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = cr.Namespace,
            Labels = objectLabels ?? labels.For(name),
            Annotations = annotations.Count > 0 ? annotations : null,
        };
    }

    // max(autoscaler.minReplicas, replicas) when minReplicas is set
    private int Replicas()
    {
        var replicas = Ports.IntOf(cr.Spec["replicas"]) ?? 1;
        return Ports.IntOf(cr.Spec.At("autoscaler", "minReplicas")) is { } min ? Math.Max(min, replicas) : replicas;
    }

    private V1PodSpec PodSpec(string configMapName, PortPlan ports, JsonObject config)
    {
        var spec = cr.Spec;
        var fields = new List<(string, string)>
        {
            ("podSecurityContext", "securityContext"), ("podDnsConfig", "dnsConfig"), ("additionalContainers", "containers"),
        };
        fields.AddRange(Typed.Same("nodeSelector", "tolerations", "affinity", "priorityClassName", "terminationGracePeriodSeconds",
            "hostNetwork", "hostPID", "hostUsers", "hostAliases", "shareProcessNamespace", "dnsPolicy", "initContainers", "volumes"));
        if (cr.Mode != "daemonset")
            fields.Add(("topologySpreadConstraints", "topologySpreadConstraints"));
        var pod = typed.From(spec, "spec", [.. fields], SourceGenerationContext.Default.V1PodSpec);
        pod.ServiceAccountName = spec["serviceAccount"].AsString() is { Length: > 0 } sa ? sa : Naming.Collector(cr.Name);
        pod.Containers = [Container.Build(cr, config, ports.Container, typed, registry), .. pod.Containers ?? []];
        pod.Volumes =
        [
            new V1Volume
            {
                Name = Container.ConfigVolume,
                ConfigMap = new V1ConfigMapVolumeSource { Name = configMapName, Items = [new V1KeyToPath { Key = Container.ConfigKey, Path = Container.ConfigKey }] },
            },
            .. pod.Volumes ?? [],
            .. Container.ConfigMaps(spec).Select(m => new V1Volume { Name = Container.VolumeName(m.Name), ConfigMap = new V1ConfigMapVolumeSource { Name = m.Name } }),
        ];
        pod.DnsPolicy ??= pod.DnsConfig?.Nameservers is { Count: > 0 } ? "None" : pod.HostNetwork == true ? "ClusterFirstWithHostNet" : "ClusterFirst";
        if (pod.ShareProcessNamespace == false)
            pod.ShareProcessNamespace = null;
        Refusals.AddRange(PodStandard.Apply(pod, podSecurity));
        return pod;
    }
}
