using System.Text.Json.Nodes;
using KrmOtel.Collector;

namespace KrmOtel.Tests.Collector;

/// <summary>The RBAC table (spec §10): enabled component → rules as "group:resource,resource:verb,verb".</summary>
public class RbacTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "processors", "k8sattributes: {}", ":pods,namespaces:get,watch,list | apps:replicasets:get,watch,list" },
        { "processors", "k8s_attributes: {extract: {metadata: [k8s.pod.name, k8s.node.name, service.name]}}", ":pods,namespaces:get,watch,list | :nodes:get,watch,list | apps:replicasets:get,watch,list" },
        { "processors", "resourcedetection: {detectors: [env, k8snode, openshift]}", ":nodes:get,list | config.openshift.io:infrastructures,infrastructures/status:get,watch,list" },
        { "receivers", "kubeletstats: {}", ":nodes/stats:get" },
        { "receivers", "kubelet_stats: {metrics: {k8s.pod.cpu_limit_utilization: {enabled: true}}}", ":nodes/stats:get | :nodes/proxy:get" },
        { "receivers", "k8s_events: {}", ":events:get,list,watch" },
        { "receivers", "k8sobjects: {objects: [{name: pods, mode: pull}, {name: events, mode: pull}, {name: events, mode: watch, group: events.k8s.io}]}", ":pods:list,get | :events:list | events.k8s.io:events:list,watch" },
        { "receivers", "k8scluster: {}", "" },
        { "extensions", "k8s_observer: {observe_pods: true, observe_nodes: true}", ":pods:list,watch | :nodes:list,watch" },
        { "extensions", "k8s_leader_elector: {}", "coordination.k8s.io:leases:get,list,watch,create,update,patch,delete" },
        { "receivers", "prometheus: {config: {scrape_configs: []}}", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Enabled_components_yield_their_rules(string kind, string component, string expected)
    {
        var section = (JsonObject)KrmOtel.Yaml.YamlReader.ReadStream("{" + component + "}")[0].Root!;
        var id = section.First().Key;
        var service = kind == "extensions"
            ? new JsonObject { ["extensions"] = new JsonArray(id), ["pipelines"] = new JsonObject() }
            : new JsonObject { ["pipelines"] = new JsonObject { ["p"] = new JsonObject { [kind] = new JsonArray(id) } } };
        var config = new JsonObject { [kind] = section, ["service"] = service };
        var rules = Rbac.Rules(config);
        Assert.Equal(expected, string.Join(" | ", rules.Select(r => $"{r.ApiGroups[0]}:{string.Join(',', r.Resources)}:{string.Join(',', r.Verbs)}")));
    }
}
