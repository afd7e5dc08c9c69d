using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>
/// ClusterRole rules derived from enabled components (op:internal/components/{receivers,processors,extensions}/*.go,
/// spec §10), in kind order receivers → exporters → processors → extensions; one table row per component type.
/// </summary>
public static class Rbac
{
    private static readonly string[] Gwl = ["get", "watch", "list"];
    private static readonly string[] Glw = ["get", "list", "watch"];

    private static V1PolicyRule Rule(string group, string[] resources, string[] verbs) =>
        new() { ApiGroups = [group], Resources = resources, Verbs = verbs };

    private static readonly Dictionary<string, Func<JsonNode?, IEnumerable<V1PolicyRule>>> Receivers = new(StringComparer.Ordinal)
    {
        ["kubelet_stats"] = KubeletStats,
        ["k8s_cluster"] = K8sCluster,
        ["k8s_events"] = _ => [Rule("", ["events"], Glw)],
        ["k8s_objects"] = K8sObjects,
    };

    private static readonly Dictionary<string, Func<JsonNode?, IEnumerable<V1PolicyRule>>> Processors = new(StringComparer.Ordinal)
    {
        ["k8s_attributes"] = K8sAttributes, ["k8sattributes"] = K8sAttributes,
        ["resource_detection"] = ResourceDetection, ["resourcedetection"] = ResourceDetection,
    };

    private static readonly Dictionary<string, Func<JsonNode?, IEnumerable<V1PolicyRule>>> Extensions = new(StringComparer.Ordinal)
    {
        ["k8s_leader_elector"] = _ => [Rule("coordination.k8s.io", ["leases"], ["get", "list", "watch", "create", "update", "patch", "delete"])],
        ["k8s_observer"] = K8sObserver,
    };

    public static List<V1PolicyRule> Rules(JsonObject config)
    {
        var enabled = Enabled.Of(config);
        var rules = new List<V1PolicyRule>();
        void Collect(string section, IEnumerable<string> ids, Dictionary<string, Func<JsonNode?, IEnumerable<V1PolicyRule>>> table)
        {
            foreach (var id in ids)
            {
                var type = id.Contains('/') ? id[..id.IndexOf('/')] : id;
                if (table.TryGetValue(type, out var rule) || table.TryGetValue(Components.TypeOf(id), out rule))
                    rules.AddRange(rule(config.At(section, id)));
            }
        }
        Collect("receivers", enabled.Receivers, Receivers);
        Collect("processors", enabled.Processors, Processors);
        Collect("extensions", enabled.Extensions, Extensions);
        return rules;
    }

    /// <summary>The ClusterRole and its binding to the collector's service account, or nothing without rules.</summary>
    public static IEnumerable<JsonObject> Build(CollectorCr cr, JsonObject config, Labels labels)
    {
        var rules = Rules(config);
        if (rules.Count == 0)
            yield break;
        var roleName = Naming.Dns(Naming.Truncate("{0}-{1}-cluster-role", cr.Name, cr.Namespace));
        var bindingName = Naming.Dns(Naming.Truncate("{0}-{1}-collector", cr.Name, cr.Namespace));
        var annotations = labels.Annotations();
        V1ObjectMeta Meta(string name) => new() { Name = name, Labels = labels.For(name), Annotations = annotations.Count > 0 ? annotations : null };
        yield return Objects.Node(new V1ClusterRole { ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "ClusterRole", Metadata = Meta(roleName), Rules = rules },
            SourceGenerationContext.Default.V1ClusterRole);
        var account = cr.Spec["serviceAccount"].AsString() is { Length: > 0 } sa ? sa : Naming.Collector(cr.Name);
        yield return Objects.Node(new V1ClusterRoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "ClusterRoleBinding",
            Metadata = Meta(bindingName),
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = roleName },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = account, NamespaceProperty = cr.Namespace }],
        }, SourceGenerationContext.Default.V1ClusterRoleBinding);
    }

    private static IEnumerable<V1PolicyRule> K8sAttributes(JsonNode? cfg)
    {
        yield return Rule("", ["pods", "namespaces"], Gwl);
        var replicaSets = Rule("apps", ["replicasets"], Gwl);
        var metadata = cfg.At("extract", "metadata") is JsonArray a ? a.Select(i => i.AsString() ?? "").ToList() : [];
        if (metadata.Count == 0)
        {
            yield return replicaSets;
            yield break;
        }
        var addedReplicaSets = false;
        foreach (var m in metadata)
        {
            if (!addedReplicaSets && m is "k8s.deployment.uid" or "k8s.deployment.name" or "service.name")
            {
                addedReplicaSets = true;
                yield return replicaSets;
            }
            if (m.Contains("k8s.node", StringComparison.Ordinal))
                yield return Rule("", ["nodes"], Gwl);
        }
    }

    private static IEnumerable<V1PolicyRule> ResourceDetection(JsonNode? cfg)
    {
        foreach (var d in cfg.At("detectors") is JsonArray a ? a.Select(i => i.AsString()) : [])
        {
            if (d == "k8snode")
                yield return Rule("", ["nodes"], ["get", "list"]);
            else if (d == "openshift")
                yield return Rule("config.openshift.io", ["infrastructures", "infrastructures/status"], Gwl);
        }
    }

    private static readonly string[] UtilizationMetrics =
        [.. from o in (string[])["container", "pod"] from r in (string[])["cpu", "memory"] from k in (string[])["limit", "request"] select $"k8s.{o}.{r}_{k}_utilization"];

    private static IEnumerable<V1PolicyRule> KubeletStats(JsonNode? cfg)
    {
        yield return Rule("", ["nodes/stats"], ["get"]);
        var labels = cfg.At("extra_metadata_labels") is JsonArray { Count: > 0 };
        if (labels || UtilizationMetrics.Any(m => cfg.At("metrics", m, "enabled")?.GetValueKind() == JsonValueKind.True))
            yield return Rule("", ["nodes/proxy"], ["get"]);
    }

    private static IEnumerable<V1PolicyRule> K8sCluster(JsonNode? cfg)
    {
        yield return Rule("", ["events", "namespaces", "namespaces/status", "nodes", "nodes/spec", "persistentvolumeclaims", "persistentvolumes",
            "pods", "pods/status", "replicationcontrollers", "replicationcontrollers/status", "resourcequotas", "services"], Glw);
        yield return Rule("apps", ["daemonsets", "deployments", "replicasets", "statefulsets"], Glw);
        yield return Rule("extensions", ["daemonsets", "deployments", "replicasets"], Glw);
        yield return Rule("batch", ["jobs", "cronjobs"], Glw);
        yield return Rule("autoscaling", ["horizontalpodautoscalers"], Glw);
        if (cfg.At("distribution").AsString() == "openshift")
            yield return Rule("quota.openshift.io", ["clusterresourcequotas"], Glw);
    }

    private static IEnumerable<V1PolicyRule> K8sObjects(JsonNode? cfg)
    {
        foreach (var o in cfg.At("objects") is JsonArray a ? a : [])
        {
            var name = o.At("name").AsString() ?? "";
            var mode = o.At("mode").AsString();
            string[] verbs = mode == "pull" && name is not ("events" or "events.k8s.io") ? ["list", "get"] : mode == "watch" ? ["list", "watch"] : ["list"];
            yield return Rule(o.At("group").AsString() ?? "", [name], verbs);
        }
    }

    private static IEnumerable<V1PolicyRule> K8sObserver(JsonNode? cfg)
    {
        foreach (var (flag, resource) in new[] { ("observe_pods", "pods"), ("observe_services", "services"), ("observe_nodes", "nodes") })
        {
            if (cfg.At(flag)?.GetValueKind() == JsonValueKind.True)
                yield return Rule("", [resource], ["list", "watch"]);
        }
    }
}
