using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>The base, headless, monitoring and extension Services (op:internal/manifests/collector/service.go, spec §9).</summary>
public sealed class Services(CollectorCr cr, Labels labels, Workloads workloads, Typed typed)
{
    private const string Headless = "operator.opentelemetry.io/collector-headless-service";
    private const string Monitoring = "operator.opentelemetry.io/collector-monitoring-service";

    public IEnumerable<JsonObject> Build(PortPlan ports)
    {
        var baseName = Naming.Collector(cr.Name);
        if (ports.Service.Count > 0)
        {
            var spec = Spec(ports.Service, withFamilies: true);
            spec.InternalTrafficPolicy = cr.Mode == "daemonset" ? "Local" : "Cluster";
            yield return Service(workloads.Meta(baseName, With(labels.For(baseName), (Labels.ServiceType, "base"))), spec);

            var headlessName = Naming.Headless(cr.Name);
            var headless = Spec(ports.Service, withFamilies: true);
            headless.InternalTrafficPolicy = spec.InternalTrafficPolicy;
            headless.ClusterIP = "None";
            var cert = new Dictionary<string, string> { ["service.beta.openshift.io/serving-cert-secret-name"] = headlessName + "-tls" };
            yield return Service(workloads.Meta(headlessName, With(labels.For(baseName), (Labels.ServiceType, "headless"), (Headless, "Exists")), cert), headless);
        }
        var monitoringName = Naming.Monitoring(cr.Name);
        var monitoring = Spec([new V1ServicePort { Name = "monitoring", Port = ports.Metrics }], withFamilies: true);
        yield return Service(workloads.Meta(monitoringName, With(labels.For(monitoringName), (Labels.ServiceType, "monitoring"), (Monitoring, "Exists"))), monitoring);
        if (ports.Extension.Count > 0)
        {
            var extensionName = Naming.Extension(cr.Name);
            yield return Service(workloads.Meta(extensionName, With(labels.For(extensionName), (Labels.ServiceType, "extension"))), Spec(ports.Extension, withFamilies: false));
        }
    }

    private V1ServiceSpec Spec(IReadOnlyList<V1ServicePort> ports, bool withFamilies)
    {
        var fields = Typed.Same("trafficDistribution", "sessionAffinity", "sessionAffinityConfig").ToList();
        if (withFamilies)
            fields.AddRange(Typed.Same("ipFamilies", "ipFamilyPolicy"));
        var spec = typed.From(cr.Spec, "spec", [.. fields], SourceGenerationContext.Default.V1ServiceSpec);
        if (withFamilies)
            spec.IpFamilyPolicy ??= "SingleStack";
        spec.Selector = labels.Selector();
        spec.Ports = [.. ports];
        return spec;
    }

    private static JsonObject Service(V1ObjectMeta meta, V1ServiceSpec spec) =>
        Objects.Node(new V1Service { ApiVersion = "v1", Kind = "Service", Metadata = meta, Spec = spec }, SourceGenerationContext.Default.V1Service);

    private static SortedDictionary<string, string> With(SortedDictionary<string, string> labels, params (string Key, string Value)[] extra)
    {
        foreach (var (k, v) in extra)
            labels[k] = v;
        return labels;
    }
}
