using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>The otc-container (op:internal/manifests/collector/container.go, spec §6).</summary>
public static class Container
{
    public const string Name = "otc-container";
    public const string ConfigVolume = "otc-internal";
    public const string ConfigKey = "collector.yaml";
    public const string DefaultImage = "ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector:0.158.0";

    /// <param name="registry">the function config's imageRegistry: the registry of the collector's image, default or given</param>
    /// <param name="addConfig">false for the sidecar, which gets its config through the environment instead of the ConfigMap</param>
    public static V1Container Build(CollectorCr cr, JsonObject config, IReadOnlyList<V1ContainerPort> ports, Typed typed, string registry, bool addConfig = true)
    {
        var spec = cr.Spec;
        var c = typed.From(spec, "spec", Typed.Same("imagePullPolicy", "command", "resources", "securityContext", "lifecycle", "envFrom", "env", "volumeMounts"),
            SourceGenerationContext.Default.V1Container);
        c.Name = Name;
        c.Image = Instrumentation.ImageReference.WithRegistry(spec["image"].AsString() is { Length: > 0 } image ? image : DefaultImage, registry);
        c.Args = Args(spec["args"], addConfig);
        c.Env = Env(c.Env, config);
        c.Ports = ports.Count > 0 ? [.. ports] : null;
        IEnumerable<V1VolumeMount> configMount = addConfig ? [new V1VolumeMount { Name = ConfigVolume, MountPath = "/conf" }] : [];
        c.VolumeMounts = [.. configMount, .. c.VolumeMounts ?? [], .. ConfigMapMounts(spec)];
        if (c.VolumeMounts.Count == 0)
            c.VolumeMounts = null;
        Probes.Apply(c, config, spec, typed);
        return c;
    }

    /// <summary>--config first, then every spec.args entry as --key=value sorted as whole strings (a user "config" is dropped where the config is added).</summary>
    private static List<string> Args(JsonNode? args, bool addConfig)
    {
        IEnumerable<string> extra = args is JsonObject map
            ? map.Where(p => !addConfig || p.Key != "config").Select(p => $"--{p.Key}={Text(p.Value)}").Order(StringComparer.Ordinal)
            : [];
        return addConfig ? [$"--config=/conf/{ConfigKey}", .. extra] : [.. extra];
    }

    private static string Text(JsonNode? v) => v is null ? "" : v.AsString() ?? v.ToJsonString();

    private static List<V1EnvVar> Env(IList<V1EnvVar>? user, JsonObject config)
    {
        var env = new List<V1EnvVar>(user ?? []);
        var names = env.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var inferred = new List<V1EnvVar>
        {
            new() { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
            Resource("GOMEMLIMIT", "limits.memory"),
            Resource("GOMAXPROCS", "limits.cpu"),
        };
        // one K8S_NODE_NAME per enabled kubelet_stats receiver (the operator does not deduplicate)
        foreach (var id in Enabled.Of(config).Receivers.Where(r => Components.TypeOf(r) == "kubelet_stats"))
            inferred.Add(new V1EnvVar { Name = "K8S_NODE_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "spec.nodeName" } } });
        env.AddRange(inferred.Where(e => !names.Contains(e.Name)));
        return env;
    }

    private static V1EnvVar Resource(string name, string resource) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource { ResourceFieldRef = new V1ResourceFieldSelector { ContainerName = Name, Resource = resource } },
    };

    /// <summary>spec.configmaps[] mounted at /var/conf/&lt;mountpath&gt;/configmap-&lt;name&gt;.</summary>
    private static IEnumerable<V1VolumeMount> ConfigMapMounts(JsonObject spec) =>
        ConfigMaps(spec).Select(m => new V1VolumeMount
        {
            Name = VolumeName(m.Name),
            MountPath = "/" + string.Join('/', new[] { "var", "conf", m.MountPath, VolumeName(m.Name) }.SelectMany(p => p.Split('/', StringSplitOptions.RemoveEmptyEntries))),
        });

    public static IEnumerable<(string Name, string MountPath)> ConfigMaps(JsonObject spec) =>
        spec["configmaps"] is JsonArray list
            ? list.Select(i => (i.At("name").AsString() ?? "", i.At("mountpath").AsString() ?? ""))
            : [];

    public static string VolumeName(string configMap) => Naming.Dns(Naming.Truncate("configmap-{0}", configMap));
}
