using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>The PodDisruptionBudget and NetworkPolicy (op:internal/manifests/collector/{poddisruptionbudget,networkpolicy}.go).</summary>
public sealed class Policies(CollectorCr cr, Labels labels, Workloads workloads, Typed typed)
{
    /// <summary>Deployment and StatefulSet only: spec.podDisruptionBudget, else maxUnavailable 1.</summary>
    public JsonObject? Pdb()
    {
        if (cr.Mode == "daemonset")
            return null;
        var spec = typed.From(cr.Spec["podDisruptionBudget"] as JsonObject ?? [], "spec.podDisruptionBudget", Typed.Same("minAvailable", "maxUnavailable"),
            SourceGenerationContext.Default.V1PodDisruptionBudgetSpec, []);
        if (spec.MinAvailable is null && spec.MaxUnavailable is null)
            spec.MaxUnavailable = 1;
        spec.Selector = new V1LabelSelector { MatchLabels = labels.Selector() };
        var pdb = new V1PodDisruptionBudget { ApiVersion = "policy/v1", Kind = "PodDisruptionBudget", Metadata = workloads.Meta(Naming.Collector(cr.Name)), Spec = spec };
        return Objects.Node(pdb, SourceGenerationContext.Default.V1PodDisruptionBudget);
    }

    /// <summary>Ingress to every container port, all TCP (operator behaviour, UDP receivers included); on unless networkPolicy.enabled is false.</summary>
    public JsonObject? NetworkPolicy(PortPlan ports)
    {
        if (cr.Spec.At("networkPolicy", "enabled")?.GetValueKind() == System.Text.Json.JsonValueKind.False)
            return null;
        var name = Naming.NetworkPolicy(cr.Name);
        var policy = new V1NetworkPolicy
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "NetworkPolicy",
            Metadata = workloads.Meta(name),
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = labels.Selector() },
                Ingress = [new V1NetworkPolicyIngressRule { Ports = [.. ports.Container.Select(p => new V1NetworkPolicyPort { Protocol = "TCP", Port = p.ContainerPort })] }],
                PolicyTypes = ["Ingress"],
            },
        };
        return Objects.Node(policy, SourceGenerationContext.Default.V1NetworkPolicy);
    }
}
