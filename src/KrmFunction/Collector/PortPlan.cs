using System.Text.Json.Nodes;
using k8s.Models;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>Where the ports go (spec §8.3): container ports, base Service ports, extension Service ports, the metrics port.</summary>
public sealed record PortPlan(IReadOnlyList<V1ContainerPort> Container, IReadOnlyList<V1ServicePort> Service, IReadOnlyList<V1ServicePort> Extension, int Metrics)
{
    /// <summary>A spec port as the CR holds it: a ServicePort plus hostPort.</summary>
    private sealed record SpecPort(JsonObject Node, string Name, int Port, string Protocol);

    public static PortPlan Of(JsonObject spec, JsonObject config, Action<string, string> error)
    {
        var specPorts = SpecPorts(spec);
        var inferred = Ports.ServicePorts(config, error);
        var extensions = Ports.ExtensionPorts(config);
        var metrics = Ports.MetricsPort(config);
        foreach (var p in inferred.Concat(extensions).Where(p => !Naming.IsServiceName(p.Name)))
            error("spec.config", $"the OpenTelemetry config is incorrect. The port name '{p.Name}' errors: not a valid IANA service name");

        var containerInferred = inferred.Concat(extensions).Where(p => Naming.IsServiceName(p.Name))
            .Select(p => new InferredPort(p.Name, p.Port, p.Protocol, null, false))
            .Append(new InferredPort("metrics", metrics, "TCP", null, false))
            .OrderBy(p => p.Name, StringComparer.Ordinal);
        var container = new List<V1ContainerPort>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in specPorts)
        {
            var name = taken.Add(s.Name) ? s.Name : "port-" + s.Port;
            taken.Add(name);
            container.Add(new V1ContainerPort
            {
                Name = name, ContainerPort = s.Port, Protocol = s.Node["protocol"].AsString() ?? "TCP",
                HostPort = Ports.IntOf(s.Node["hostPort"]),
            });
        }
        foreach (var p in Filter(containerInferred, specPorts, taken))
            container.Add(new V1ContainerPort { Name = p.Name, ContainerPort = p.Port, Protocol = p.Protocol });

        var service = specPorts.Select(s => ServicePort(s.Node)).ToList();
        service.AddRange(Filter(inferred.Where(p => Naming.IsServiceName(p.Name)), specPorts, new HashSet<string>(specPorts.Select(s => s.Name), StringComparer.Ordinal)).Select(ToService));
        return new PortPlan([.. container.OrderBy(p => p.Name, StringComparer.Ordinal)], service, [.. extensions.Select(ToService)], metrics);
    }

    // an inferred port equal to a spec port (number and protocol) is dropped; one with a spec port's name is renamed port-N
    private static IEnumerable<InferredPort> Filter(IEnumerable<InferredPort> inferred, List<SpecPort> specPorts, HashSet<string> taken)
    {
        foreach (var p in inferred)
        {
            if (specPorts.Any(s => s.Port == p.Port && s.Protocol == (p.Protocol ?? "TCP")))
                continue;
            var name = p.Name;
            if (taken.Contains(name))
            {
                name = "port-" + p.Port;
                if (taken.Contains(name))
                    continue;
            }
            taken.Add(name);
            yield return p with { Name = name };
        }
    }

    private static List<SpecPort> SpecPorts(JsonObject spec) =>
        spec["ports"] is JsonArray list
            ? [.. list.OfType<JsonObject>().Select(o => new SpecPort(o, o["name"].AsString() ?? "",
                Ports.IntOf(o["port"]) ?? 0,
                o["protocol"].AsString() ?? "TCP"))]
            : [];

    private static V1ServicePort ServicePort(JsonObject node)
    {
        var copy = (JsonObject)node.DeepClone();
        copy.Remove("hostPort");
        copy["protocol"] ??= "TCP"; // CRD default
        return System.Text.Json.JsonSerializer.Deserialize(copy, k8s.SourceGenerationContext.Default.V1ServicePort) ?? new V1ServicePort();
    }

    private static V1ServicePort ToService(InferredPort p) => new()
    {
        Name = p.Name, Port = p.Port, Protocol = p.Protocol, AppProtocol = p.AppProtocol,
        TargetPort = p.TargetPort ? p.Port : null,
    };
}
