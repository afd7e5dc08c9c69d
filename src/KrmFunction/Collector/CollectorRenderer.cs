using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KrmOtel.Config;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>
/// An OpenTelemetryCollector of mode deployment, daemonset or statefulset → the objects the operator creates for it,
/// in the operator's build order (op:internal/manifests/collector/collector.go). Pure: no I/O.
/// </summary>
public static class CollectorRenderer
{
    /// <summary>True for the collectors this renders (sidecar mode is injected into workloads instead).</summary>
    public static bool Handles(Resource item) =>
        item.Is("opentelemetry.io", "OpenTelemetryCollector")
        && item.ApiVersion is "opentelemetry.io/v1beta1" or "opentelemetry.io/v1alpha1"
        && CollectorCr.ModeOf(item) is "deployment" or "daemonset" or "statefulset";

    /// <param name="item">the collector</param>
    /// <param name="findings">what it gets wrong</param>
    /// <param name="registry">the function config's imageRegistry, for the collector's image</param>
    /// <param name="podSecurity">the function config's podSecurity, for the collector's pod</param>
    public static IReadOnlyList<Resource> Render(Resource item, List<Finding> findings, string registry = "", PodSecurityLevel podSecurity = PodSecurityLevel.Privileged)
    {
        if (item.Node.At("spec", "managementState").AsString() == "unmanaged")
        {
            findings.Add(Finding.Info("managementState is unmanaged: the operator renders nothing for this collector", item, "spec.managementState"));
            return [];
        }
        if (Prepared.Of(item, findings) is not { } prepared)
            return [];
        var (cr, shaped, hash, ports, typed) = prepared;
        // the name is a valid object name by now (CollectorCr); the path is checked again where it is made
        var path = $"otel/{cr.Name}-collector.yaml";
        if (PackagePath.Problem(path) is { } problem)
        {
            findings.Add(Finding.Error($"the generated objects would be written to '{path}', but {problem}", item, "metadata.name"));
            return [];
        }
        var labels = new Labels(cr);
        var workloads = new Workloads(cr, labels, typed, registry, podSecurity);
        var policies = new Policies(cr, labels, workloads, typed);
        var configMapName = Naming.ConfigMap(cr.Name, hash);
        var objects = new List<JsonObject?>
        {
            workloads.Build(configMapName, hash, ports, shaped),
            policies.Pdb(),
            ConfigMap(cr, labels, workloads, configMapName, GoYaml.Write(shaped)),
            ServiceAccount(cr, workloads),
            Autoscaler.Build(cr, workloads, typed),
        };
        objects.AddRange(new Services(cr, labels, workloads, typed).Build(ports));
        objects.Add(policies.NetworkPolicy(ports));
        objects.AddRange(Monitors.Build(cr, shaped, labels));
        objects.AddRange(Rbac.Build(cr, shaped, labels));
        if (Refused(workloads.Refusals, item, findings))
            return [];
        return [.. objects.OfType<JsonObject>().Select((o, i) => new Resource(WithPath(o, path, i), null, null))];
    }

    /// <summary>Adds an error for each thing podSecurity forbids; true when there is any (nothing is rendered then).</summary>
    /// <param name="consequence">what is not done because of it</param>
    public static bool Refused(List<(string Message, string Field)> refusals, Resource item, List<Finding> findings, string consequence = "the collector's pod would not be admitted at that Pod Security Standard; nothing is rendered for it")
    {
        foreach (var (message, field) in refusals)
            findings.Add(Finding.Error($"{message}: {consequence}", item, field));
        return refusals.Count > 0;
    }

    private static JsonObject ConfigMap(CollectorCr cr, Labels labels, Workloads workloads, string name, string text) =>
        Objects.Node(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = workloads.Meta(name, labels.For(Naming.Collector(cr.Name))),
            Data = new Dictionary<string, string> { [Container.ConfigKey] = text },
        }, SourceGenerationContext.Default.V1ConfigMap);

    private static JsonObject? ServiceAccount(CollectorCr cr, Workloads workloads) =>
        cr.Spec["serviceAccount"].AsString() is { Length: > 0 }
            ? null
            : Objects.Node(new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = workloads.Meta(Naming.Collector(cr.Name)) },
                SourceGenerationContext.Default.V1ServiceAccount);

    // generated items get a stable, readable file for kpt to write them to (krm.md) and their place in it: kpt refuses
    // two items of one path without distinct indexes ("resource at path ... and index \"\" already exists")
    private static JsonObject WithPath(JsonObject o, string path, int index)
    {
        var meta = (JsonObject)o["metadata"]!;
        if (meta["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            meta["annotations"] = annotations;
        }
        annotations[Annotations.Path] = path;
        annotations[Annotations.Index] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return o;
    }
}
