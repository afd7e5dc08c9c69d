using System.Text.Json.Nodes;
using k8s.Models;

using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>
/// The environment every instrumented container gets (sdk.go injectCommonEnvVar, injectCommonSDKConfig,
/// exporter.go configureExporter; spec/instrumentation.md §6), computed at render time.
/// </summary>
public static class SdkConfig
{
    public const string PodNameVar = "OTEL_RESOURCE_ATTRIBUTES_POD_NAME";
    public const string PodUidVar = "OTEL_RESOURCE_ATTRIBUTES_POD_UID";
    public const string NodeNameVar = "OTEL_RESOURCE_ATTRIBUTES_NODE_NAME";
    public const string ResourceAttributesVar = "OTEL_RESOURCE_ATTRIBUTES";

    /// <summary>§6.1 step 0: the IP variables first, then the CR's common env.</summary>
    public static void CommonEnv(InstrumentationSpec inst, EnvList env)
    {
        env.PrependFieldRefIfAbsent("OTEL_POD_IP", "status.podIP");
        env.PrependFieldRefIfAbsent("OTEL_NODE_IP", "status.hostIP");
        env.AppendIfAbsent(inst.Env);
    }

    /// <summary>§6.1 steps 1–10 on <paramref name="env"/>; <paramref name="app"/> is the container that produces telemetry.</summary>
    /// <param name="app">the container that produces telemetry; its env is <paramref name="appEnv"/> as it stands now</param>
    public static void Apply(InstrumentationSpec inst, PodContext pod, JsonObject app, EnvList appEnv, EnvList env, List<JsonObject> mounts, List<V1Volume> volumes)
    {
        var appName = EnvList.Name(app);
        var resources = ResourceMap(inst, pod, appName, appEnv);
        if (!env.Has("OTEL_SERVICE_NAME"))
            env.Append("OTEL_SERVICE_NAME", ServiceName(inst, pod, resources, appName));
        ConfigureExporter(inst, env, mounts, volumes);

        env.AppendFieldRef(PodNameVar, "metadata.name");
        resources["k8s.pod.name"] = $"$({PodNameVar})";
        if (inst.AddK8sUidAttributes && resources.GetValueOrDefault("k8s.pod.uid", "").Length == 0)
        {
            env.AppendFieldRef(PodUidVar, "metadata.uid");
            resources["k8s.pod.uid"] = $"$({PodUidVar})";
        }
        if (!env.Has(ResourceAttributesVar) || !env.Value(ResourceAttributesVar).Contains("service.version", StringComparison.Ordinal))
        {
            var version = ServiceVersion(inst, pod, app);
            if (version.Length > 0)
                resources["service.version"] = version;
        }
        if (resources.GetValueOrDefault("k8s.node.name", "").Length == 0)
        {
            env.AppendFieldRef(NodeNameVar, "spec.nodeName");
            resources["k8s.node.name"] = $"$({NodeNameVar})";
        }
        var attributes = Attributes(resources);
        if (!env.Has(ResourceAttributesVar))
            env.Append(ResourceAttributesVar, attributes);
        else
        {
            var existing = env.Value(ResourceAttributesVar);
            env.SetValue(ResourceAttributesVar, existing + (existing.EndsWith(',') ? "" : ",") + attributes);
        }
        if (!env.Has("OTEL_PROPAGATORS") && inst.Propagators.Count > 0)
            env.Append("OTEL_PROPAGATORS", string.Join(",", inst.Propagators));
        if (!env.Has("OTEL_TRACES_SAMPLER") && inst.SamplerType.Length > 0 && !env.Has("OTEL_TRACES_SAMPLER_ARG"))
        {
            env.Append("OTEL_TRACES_SAMPLER", inst.SamplerType);
            if (inst.SamplerArgument.Length > 0)
                env.Append("OTEL_TRACES_SAMPLER_ARG", inst.SamplerArgument);
        }
        env.MoveToEnd(ResourceAttributesVar);
    }

    /// <summary>createResourceMap (§6.3): attribute → value, without the keys the app container already sets.</summary>
    public static Dictionary<string, string> ResourceMap(InstrumentationSpec inst, PodContext pod, string appName, EnvList appEnv)
    {
        var existing = NoKeys; // most app containers set no OTEL_RESOURCE_ATTRIBUTES
        if (appEnv.Value(ResourceAttributesVar) is { Length: > 0 } set)
        {
            existing = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in set.Split(','))
            {
                var kv = pair.Trim().Split('=');
                if (kv.Length == 2)
                    existing.Add(kv[0]);
            }
        }
        var res = new Dictionary<string, string>(16, StringComparer.Ordinal); // the attributes of a pod, without growing
        foreach (var (k, v) in inst.ResourceAttributes)
        {
            if (!existing.Contains(k))
                res[k] = v;
        }
        void K8s(string key, string value)
        {
            if (!existing.Contains(key) && value.Length > 0)
                res[key] = value;
        }
        K8s("k8s.namespace.name", pod.Namespace);
        K8s("k8s.container.name", appName);
        K8s("k8s.pod.name", pod.PodName);
        K8s("k8s.node.name", pod.Spec["nodeName"].AsString() ?? "");
        K8s("service.instance.id", ServiceInstanceId(pod, appName));
        if (pod.Kind.OwnerAttribute is { } owner)
            K8s(owner, pod.Workload.Name);
        foreach (var (k, v) in pod.Annotations)
        {
            if (k.StartsWith(PodAnnotations.ResourcePrefix, StringComparison.Ordinal))
            {
                var key = k[PodAnnotations.ResourcePrefix.Length..];
                if (!existing.Contains(key) && key != "service.name")
                    res[key] = v;
            }
        }
        var serviceNamespace = Annotation(pod, "service.namespace") is { Length: > 0 } ns ? ns : pod.Namespace;
        if (serviceNamespace.Length > 0 && !existing.Contains("service.namespace"))
            res["service.namespace"] = serviceNamespace;
        return res;
    }

    private static readonly HashSet<string> NoKeys = [];

    /// <summary>The attributes as OTEL_RESOURCE_ATTRIBUTES writes them: key=value, in ordinal order of the keys.</summary>
    private static string Attributes(Dictionary<string, string> resources)
    {
        var pairs = new KeyValuePair<string, string>[resources.Count];
        ((ICollection<KeyValuePair<string, string>>)resources).CopyTo(pairs, 0);
        Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var length = pairs.Length - 1;
        foreach (var (key, value) in pairs)
            length += key.Length + 1 + value.Length;
        // written once, at its length: every instrumented container has one
        return length <= 0 ? "" : string.Create(length, pairs, static (text, pairs) =>
        {
            var at = 0;
            foreach (var (key, value) in pairs)
            {
                if (at > 0)
                    text[at++] = ',';
                key.CopyTo(text[at..]);
                at += key.Length;
                text[at++] = '=';
                value.CopyTo(text[at..]);
                at += value.Length;
            }
        });
    }

    /// <summary>chooseServiceName (§6.4); a Rollout's pods are named for the Rollout (§9).</summary>
    public static string ServiceName(InstrumentationSpec inst, PodContext pod, IReadOnlyDictionary<string, string> resources, string containerName)
    {
        if (LabelOrAnnotation(inst, pod, "service.name", "app.kubernetes.io/instance", "app.kubernetes.io/name") is { Length: > 0 } name)
            return name;
        foreach (var key in new[] { "k8s.deployment.name", "k8s.replicaset.name", "k8s.statefulset.name", "k8s.daemonset.name", "k8s.cronjob.name", "k8s.job.name", "k8s.pod.name" })
        {
            if (resources.GetValueOrDefault(key, "") is { Length: > 0 } v)
                return v;
        }
        if (pod.Kind.Kind == "Rollout")
            return pod.Workload.Name;
        return containerName;
    }

    private static string ServiceVersion(InstrumentationSpec inst, PodContext pod, JsonObject app) =>
        LabelOrAnnotation(inst, pod, "service.version", "app.kubernetes.io/version") is { Length: > 0 } v
            ? v
            : ImageReference.ServiceVersion(app["image"].AsString() ?? "");

    private static string ServiceInstanceId(PodContext pod, string containerName)
    {
        if (Annotation(pod, "service.instance.id") is { Length: > 0 } id)
            return id;
        return pod.Namespace.Length > 0 && containerName.Length > 0 ? $"{pod.Namespace}.$({PodNameVar}).{containerName}" : "";
    }

    private static string LabelOrAnnotation(InstrumentationSpec inst, PodContext pod, string attribute, params string[] labels)
    {
        if (Annotation(pod, attribute) is { Length: > 0 } v)
            return v;
        if (inst.UseLabelsForResourceAttributes)
        {
            foreach (var label in labels)
            {
                if (pod.Labels.GetValueOrDefault(label, "") is { Length: > 0 } l)
                    return l;
            }
        }
        return "";
    }

    private static string? Annotation(PodContext pod, string attribute) => pod.Annotations.GetValueOrDefault(PodAnnotations.ResourcePrefix + attribute);

    /// <summary>configureExporter: endpoint, TLS variables, and the TLS volumes (for the pod) and mounts (for the container).</summary>
    private static void ConfigureExporter(InstrumentationSpec inst, EnvList env, List<JsonObject> mounts, List<V1Volume> volumes)
    {
        if (inst.Endpoint.Length > 0)
            env.AppendIfAbsent("OTEL_EXPORTER_OTLP_ENDPOINT", inst.Endpoint);
        if (inst.Tls is not { } tls)
            return;
        var secretVolume = Truncate("otel-auto-secret-" + tls.SecretName);
        var secretMount = "/otel-auto-instrumentation-secret-" + tls.SecretName;
        var configMapVolume = Truncate("otel-auto-configmap-" + tls.ConfigMapName);
        var configMapMount = "/otel-auto-instrumentation-configmap-" + tls.ConfigMapName;
        if (tls.Ca.Length > 0)
            env.AppendIfAbsent("OTEL_EXPORTER_OTLP_CERTIFICATE", InDir(tls.ConfigMapName.Length > 0 ? configMapMount : secretMount, tls.Ca));
        if (tls.Cert.Length > 0)
            env.AppendIfAbsent("OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", InDir(secretMount, tls.Cert));
        if (tls.Key.Length > 0)
            env.AppendIfAbsent("OTEL_EXPORTER_OTLP_CLIENT_KEY", InDir(secretMount, tls.Key));
        if (tls.SecretName.Length > 0)
        {
            volumes.Add(new V1Volume { Name = secretVolume, Secret = new V1SecretVolumeSource { SecretName = tls.SecretName } });
            AddMountOnce(mounts, secretVolume, secretMount);
        }
        if (tls.ConfigMapName.Length > 0)
        {
            volumes.Add(new V1Volume { Name = configMapVolume, ConfigMap = new V1ConfigMapVolumeSource { Name = tls.ConfigMapName } });
            AddMountOnce(mounts, configMapVolume, configMapMount);
        }
    }

    private static void AddMountOnce(List<JsonObject> mounts, string name, string path)
    {
        if (!mounts.Exists(m => EnvList.Name(m) == name))
            mounts.Add(K8sObjects.Mount(name, path, readOnly: true));
    }

    private static string InDir(string dir, string file) => file.StartsWith('/') ? file : dir + "/" + file;

    // naming.Truncate: at most 63 characters, then trailing non-alphanumerics trimmed
    private static string Truncate(string name) => (name.Length > 63 ? name[..63] : name).TrimEnd(c => !char.IsAsciiLetterOrDigit(c));
}

internal static class StringExtensions
{
    public static string TrimEnd(this string s, Func<char, bool> trim)
    {
        var end = s.Length;
        while (end > 0 && trim(s[end - 1]))
            end--;
        return s[..end];
    }
}
