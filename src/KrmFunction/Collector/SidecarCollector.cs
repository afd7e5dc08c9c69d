using System.Text.Json.Nodes;
using k8s.Models;
using KrmOtel.Config;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>
/// A sidecar-mode collector as the sidecar webhook adds it to pods (op:pkg/sidecar/pod.go add, spec §11): the §6
/// container without the ConfigMap, its config as <c>OTEL_CONFIG</c>, native (an init container restarting Always,
/// Kubernetes ≥ 1.29), plus the CR's init containers and volumes. The CR itself renders nothing (spec §14).
/// </summary>
public static class SidecarCollector
{
    public const string ConfigEnv = "OTEL_CONFIG";

    public static bool IsSidecar(Resource item) =>
        item.Is("opentelemetry.io", "OpenTelemetryCollector")
        && item.ApiVersion is "opentelemetry.io/v1beta1" or "opentelemetry.io/v1alpha1"
        && CollectorCr.ModeOf(item) == CollectorIndex.SidecarMode;

    /// <summary>The collector as the index holds it; a sidecar-mode one is read, validated and built here, once per render.</summary>
    /// <param name="item">the collector</param>
    /// <param name="findings">what it gets wrong</param>
    /// <param name="registry">the function config's imageRegistry, for the collector's image</param>
    /// <param name="podSecurity">the function config's podSecurity, for the sidecar and the volumes it brings</param>
    public static CollectorEntry Entry(Resource item, List<Finding> findings, string registry = "", PodSecurityLevel podSecurity = PodSecurityLevel.Privileged)
    {
        var mode = CollectorCr.ModeOf(item);
        if (!IsSidecar(item))
            return new CollectorEntry(item.Namespace, item.Name, mode, null);
        // managementState does not matter: the pod webhook reads the CR whatever the controller does with it
        var prepared = Prepared.Of(item, findings);
        return new CollectorEntry(item.Namespace, item.Name, mode, prepared is null ? null : Parts(prepared, registry, podSecurity, item, findings));
    }

    private static SidecarParts? Parts(Prepared p, string registry, PodSecurityLevel podSecurity, Resource item, List<Finding> findings)
    {
        var (cr, config, _, ports, typed) = p;
        var c = Container.Build(cr, config, ports.Container, typed, registry, addConfig: false);
        c.Args = [.. c.Args, $"--config=env:{ConfigEnv}"];
        c.Env = [.. c.Env, new V1EnvVar { Name = ConfigEnv, Value = GoYaml.Write(config) }];
        c.RestartPolicy = "Always";
        c.StartupProbe ??= c.ReadinessProbe;
        if (CollectorRenderer.Refused(PodStandard.Apply(c, cr.Spec["volumes"] as JsonArray, podSecurity), item, findings, "the pods it is added to would not be admitted at that Pod Security Standard; it is added to none"))
            return null;
        var volumes = Items(cr.Spec["volumes"]).Concat(Container.ConfigMaps(cr.Spec).Select(m => K8sObjects.Volume(
            new V1Volume { Name = Container.VolumeName(m.Name), ConfigMap = new V1ConfigMapVolumeSource { Name = m.Name } })));
        return new SidecarParts(K8sObjects.Container(c), [.. Items(cr.Spec["initContainers"])], [.. volumes], Naming.Instance(cr.Namespace, cr.Name));
    }

    private static IEnumerable<JsonObject> Items(JsonNode? list) =>
        list is JsonArray a ? a.OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone()) : [];
}
