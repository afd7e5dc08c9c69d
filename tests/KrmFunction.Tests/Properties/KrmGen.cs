using FsCheck;
using FsCheck.Fluent;

namespace KrmOtel.Tests.Properties;

/// <summary>
/// What a workload asks for: the language, how the inject annotation names the Instrumentation, and sometimes a
/// second language (then each gets one container through its <c>&lt;language&gt;-container-names</c>).
/// </summary>
public sealed record Injection(string Language, string Value, string? Second = null)
{
    public bool Uses(string language) => Language == language || Second == language;
}

/// <summary>
/// Generators of Kubernetes documents as YAML models: every workload kind krm-otel instruments (with or without an
/// inject annotation), ConfigMaps, a deeply nested custom resource, free-form custom resources, JSON documents, and
/// the Instrumentation. Unusual YAML sits where users put it: anchored labels reused by the selector, containers
/// built from a merged base, env lists shared by alias, block-string args and annotations, comments, empty and null
/// fields, and free-form <c>x-</c> fields carrying anything at all.
/// </summary>
public static class KrmGen
{
    public static readonly string[] Kinds = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "ReplicationController", "Rollout"];
    public static readonly string[] Languages = ["java", "nodejs", "python", "dotnet", "sdk", "go"];
    public const string Namespace = "shop";
    public const string InstrumentationName = "otel";
    private const string Prefix = "instrumentation.opentelemetry.io/";

    private static readonly string[] Images =
    [
        "registry.example.com/checkout:2.1.0", "nginx", "nginx:1.27", "localhost:5000/team/app:v3", "ghcr.io/acme/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "docker.io/library/busybox:latest", "quay.io/org/worker:1.0.0-rc.1+build.5", "app",
    ];

    private static readonly string[] EnvNames =
    [
        "JAVA_TOOL_OPTIONS", "NODE_OPTIONS", "PYTHONPATH", "OTEL_RESOURCE_ATTRIBUTES", "LOG_LEVEL", "OTEL_SERVICE_NAME", "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_TRACES_SAMPLER", "OTEL_PROPAGATORS", "DOTNET_STARTUP_HOOKS", "DOTNET_ADDITIONAL_DEPS", "DOTNET_SHARED_STORE", "CORECLR_ENABLE_PROFILING",
        "OTEL_EXPORTER_OTLP_TIMEOUT", "MY_VAR", "POD_NAME", "EMPTY", "GREETING", "OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER",
        "OTEL_POD_IP", "OTEL_NODE_IP", "OTEL_RESOURCE_ATTRIBUTES_POD_NAME", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_TRACES_EXPORTER", "CORECLR_PROFILER",
        "OTEL_TRACES_SAMPLER_ARG", "OTEL_DOTNET_AUTO_HOME",
    ];

    // variables whose valueFrom krm-otel refuses (OTEL_RESOURCE_ATTRIBUTES) or skips a container for: plain values only
    private static readonly HashSet<string> PlainOnly = ["JAVA_TOOL_OPTIONS", "NODE_OPTIONS", "PYTHONPATH", "OTEL_RESOURCE_ATTRIBUTES", "DOTNET_STARTUP_HOOKS", "DOTNET_ADDITIONAL_DEPS", "DOTNET_SHARED_STORE"];

    private static readonly Dictionary<string, string[]> EnvValues = new()
    {
        ["JAVA_TOOL_OPTIONS"] = ["-Xmx512m", "\"-Dfile.encoding=UTF-8 -Xss1m\"", "''", "\"-javaagent:/other/agent.jar\"", "'-Dkey=value with spaces'"],
        ["NODE_OPTIONS"] = ["--max-old-space-size=256", "\"--require ./tracing.js\"", "\"\""],
        ["PYTHONPATH"] = ["/app/lib", "\"/app:/vendor\"", "\"\"", "'/путь/lib'"],
        ["OTEL_RESOURCE_ATTRIBUTES"] = ["team=checkout", "\"service.version=1.2.3,deployment.environment=prod\"", "\"k8s.node.name=n1\"", "\"a=b,\"", "\"service.name=custom,team=日本\"", "\"\"", "\"k8s.pod.uid=abc, service.instance.id=x\""],
    };

    private static Gen<string> Name(string prefix) => Gen.Choose(0, 999).Select(i => $"{prefix}-{i}");

    private static Gen<T?> Maybe<T>(Gen<T> gen, int percent) where T : class =>
        Gen.Frequency((100 - percent, Gen.Constant<T?>(null)), (percent, gen.Select(v => (T?)v)));

    private static YScalar S(string text) => new(text);

    private static YEntry E(string key, YNode value) => new(key, value);

    private static YMap M(params YEntry[] entries) => new(entries);

    private static Gen<YNode> Weird(bool portable) => YamlGen.Value(2, portable);

    /// <summary>A free-form subtree under an <c>x-</c> key: anything YAML can say.</summary>
    private static Gen<YEntry> Extra(bool portable) =>
        from key in Gen.Elements("x-extra", "x-notes", "x-config", "x-日本")
        from value in Weird(portable)
        select E(key, value);

    /// <summary>A string value in any style (annotations, label values, env values, args must be strings).</summary>
    public static Gen<YNode> StringValue(bool portable) => Gen.Frequency(
        (8, YamlGen.StringScalar(portable).Select(t => (YNode)S(t))),
        (2, YamlGen.Block),
        (1, YamlGen.MultiLine.Select(t => (YNode)S(t))));

    private static Gen<YMap> StringMap(bool portable, int max, params string[] fixedKeys) =>
        from n in Gen.Choose(0, max)
        from keys in Gen.ListOf(Gen.Elements("example.com/note", "team", "a.b/c", "tier", "\"123\"", "'true'", "owner", "日本/キー", "x", "description", "\"yes\""), n)
        from values in Gen.ListOf(StringValue(portable), n)
        select new YMap(YamlGen.Unique(keys).Where(k => !fixedKeys.Contains(YamlGen.KeyValue(k))).Zip(values, (k, v) => E(k, v)).ToList());

    private static Gen<YNode> LabelValue => Gen.Elements("checkout", "\"checkout\"", "'v2'", "\"0777\"", "\"true\"", "web-1").Select(v => (YNode)S(v));

    private static Gen<YMap> Labels =>
        from app in Gen.Elements("checkout", "\"checkout\"", "'checkout'")
        from extra in Gen.Choose(0, 2)
        from keys in Gen.ListOf(Gen.Elements("tier", "app.kubernetes.io/name", "app.kubernetes.io/version", "\"0777\"", "version"), extra)
        from values in Gen.ListOf(LabelValue, extra)
        from flow in Gen.Elements(false, false, true)
        select new YMap([E("app", S(app)), .. YamlGen.Unique(keys).Zip(values, (k, v) => E(k, v))], flow);

    /// <summary>An env entry for a plain-value variable, a valueFrom entry, or a name alone.</summary>
    private static Gen<YNode> EnvEntry(string name, bool portable)
    {
        var plain = EnvValues.TryGetValue(name, out var known)
            ? Gen.Frequency((3, Gen.Elements(known).Select(v => (YNode)S(v))), (1, StringValue(portable)))
            : StringValue(portable);
        var entries = new List<(int, Gen<YNode>)>
        {
            (6, from v in plain from order in Gen.Elements(false, false, true) select (YNode)M(order ? [E("value", v), E("name", S(name))] : [E("name", S(name)), E("value", v)])),
        };
        if (!PlainOnly.Contains(name))
        {
            entries.Add((1, Gen.Elements("metadata.name", "status.podIP", "spec.nodeName").Select(p => (YNode)M(E("name", S(name)), E("valueFrom", M(E("fieldRef", M(E("fieldPath", S(p))))))))));
            entries.Add((1, Gen.Constant((YNode)M(E("name", S(name)), E("valueFrom", new YMap([E("secretKeyRef", new YMap([E("name", S("creds")), E("key", S("\"0777\""))], Flow: true))]))))));
        }
        entries.Add((1, Gen.Constant((YNode)M(E("name", S(name))))));
        entries.Add((1, Gen.Constant((YNode)new YMap([E("name", S(name)), E("value", S("\"x\""))], Flow: true))));
        return Gen.Frequency(entries);
    }

    /// <summary>A list-valued field: absent, null, empty, or items (anchored sometimes, to be reused by alias).</summary>
    private static Gen<YEntry?> ListField(string key, Gen<List<YNode>> items) => Gen.Frequency(
        (3, Gen.Constant<YEntry?>(null)),
        (1, Gen.Constant<YEntry?>(E(key, S("")))),
        (1, Gen.Constant<YEntry?>(E(key, S("~")))),
        (1, Gen.Constant<YEntry?>(E(key, new YSeq([])))),
        (6, from list in items
            from indented in Gen.Elements(false, false, true)
            from comment in Maybe(YamlGen.Comment, 10)
            select (YEntry?)new YEntry(key, new YSeq(list, Indented: indented), comment)));

    private static Gen<List<YNode>> EnvItems(bool portable) =>
        from n in Gen.Choose(1, 6)
        from names in Gen.ListOf(Gen.Elements(EnvNames), n)
        from entries in Gen.CollectToList(names.Distinct().ToList(), name => EnvEntry(name, portable))
        select entries;

    private static Gen<List<YNode>> MountItems(IReadOnlyList<string> volumes) =>
        from n in Gen.Choose(1, 3)
        from names in Gen.ListOf(Gen.Elements(volumes.Count > 0 ? [.. volumes] : new[] { "data" }), n)
        from paths in Gen.ListOf(Gen.Elements("/data", "/var/cache", "/etc/app/config.yaml", "/日本", "\"/tmp\""), n)
        from ro in Gen.ListOf(Gen.Elements(false, false, true), n)
        select names.Zip(paths, (v, p) => (v, p)).Zip(ro, (vp, r) => (YNode)M([E("name", S(vp.v)), E("mountPath", S(vp.p)), .. r ? new[] { E("readOnly", S("true")) } : []])).ToList();

    /// <summary>A container; <paramref name="base"/> names an anchored map of defaults it merges (`&lt;&lt;: *base`).</summary>
    private static Gen<YNode> Container(string name, IReadOnlyList<string> volumes, string? @base, bool portable) =>
        from nameText in Gen.Elements(name, name, $"\"{name}\"", $"'{name}'")
        from image in Gen.Elements(Images)
        from imageText in Gen.Elements(image, $"\"{image}\"")
        from env in ListField("env", EnvItems(portable))
        from mounts in ListField("volumeMounts", MountItems(volumes))
        from args in Maybe(Gen.Choose(1, 3).SelectMany(n => Gen.ListOf(StringValue(portable), n)).Select(a => E("args", new YSeq(a.ToList()))), 25)
        from command in Maybe(Gen.Elements(
            E("command", new YSeq([S("/bin/sh"), S("-c"), S("\"exec app --port=8080\"")], Flow: true)),
            E("command", new YSeq([S("java"), S("-jar"), S("/app.jar")])),
            E("command", new YSeq([S("python"), S("'-m'"), S("app")], Flow: true))), 25)
        from ports in Maybe(Gen.Elements(
            E("ports", new YSeq([M(E("containerPort", S("8080")), E("name", S("http")))])),
            E("ports", new YSeq([new YMap([E("containerPort", S("9090")), E("protocol", S("TCP"))], Flow: true)]))), 30)
        from resources in Maybe(Gen.Elements(
            E("resources", M(E("limits", M(E("cpu", S("\"500m\"")), E("memory", S("1Gi")))), E("requests", M(E("cpu", S("0.1")))))),
            E("resources", new YMap([]))), 25)
        from pull in Maybe(Gen.Elements("IfNotPresent", "Always", "\"Never\"").Select(p => E("imagePullPolicy", S(p))), 20)
        from extra in Maybe(Extra(portable), 20)
        from shuffled in Gen.Shuffle(new YEntry?[] { env, mounts, args, command, ports, resources, pull, extra }.OfType<YEntry>().ToArray())
        from imageFirst in Gen.Elements(true, false)
        select (YNode)M([
            .. @base is null ? [] : new[] { E("<<", new YAlias(@base)) },
            E("name", S(nameText)),
            .. @base is null || imageFirst ? new[] { E("image", S(imageText)) } : [],
            .. shuffled]);

    private static Gen<List<YNode>> Volumes(IReadOnlyList<string> names) =>
        Gen.CollectToList(names, n => Gen.Elements<YNode>(
            M(E("name", S(n)), E("emptyDir", new YMap([]))),
            M(E("name", S(n)), E("configMap", M(E("name", S("app-config")), E("defaultMode", S("0644"))))),
            M(E("name", S(n)), E("emptyDir", M(E("medium", S("Memory")), E("sizeLimit", S("\"1Gi\""))))),
            new YMap([E("name", S(n)), E("secret", new YMap([E("secretName", S("creds"))], Flow: true))], Flow: true),
            M(E("emptyDir", new YMap([])), E("name", S($"\"{n}\"")))));

    /// <summary>The pod's annotations: the inject annotation (and the Go target), container lists, resource attributes, weird others.</summary>
    private static Gen<YEntry?> PodAnnotations(Injection? inject, IReadOnlyList<string> containers, IReadOnlyList<string> inits, bool portable)
    {
        var fixedEntries = new List<YEntry>();
        if (inject is not null)
            fixedEntries.Add(E(Prefix + "inject-" + inject.Language, S(inject.Value)));
        var two = inject?.Second is not null && containers.Count >= 2;
        if (two)
        {
            fixedEntries.Add(E(Prefix + "inject-" + inject!.Second, S("\"true\"")));
            fixedEntries.Add(E(Prefix + inject.Language + "-container-names", S(containers[0])));
            fixedEntries.Add(E(Prefix + inject.Second + "-container-names", S(containers[1])));
        }
        return from others in StringMap(portable, 3)
               from exe in Gen.Elements("/app/server", "\"/usr/local/bin/app\"", "'/app/日本'")
               from withExe in Gen.Elements(false, true)
               from names in Maybe(Gen.SubListOf(containers.Concat(inits).ToArray()).Where(l => l.Count > 0).Select(l => string.Join(",", l)), two ? 0 : inject?.Language == "go" ? 5 : 20)
               from resource in Maybe(Gen.Elements(
                   E("resource.opentelemetry.io/service.name", S("\"custom-svc\"")),
                   E("resource.opentelemetry.io/team", S("'日本'")),
                   E("resource.opentelemetry.io/service.version", S("\"0777\""))), 20)
               from shape in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
               from shuffled in Gen.Shuffle([
                   .. fixedEntries,
                   .. inject?.Uses("go") == true || withExe ? new[] { E(Prefix + "otel-go-auto-target-exe", S(exe)) } : [],
                   .. names is null ? [] : new[] { E(Prefix + "container-names", S(names)) },
                   .. resource is null ? [] : new[] { resource },
                   .. others.Entries])
               select shuffled.Length == 0
                   ? shape switch { 1 => E("annotations", S("")), 2 => E("annotations", new YMap([])), _ => null }
                   : (YEntry?)E("annotations", new YMap(shuffled, Flow: shape == 1 && shuffled.All(e => e.Value is YScalar s && s.Text.Length > 0 && s.Text[0] is '"' or '\'' && !s.Text.Contains('\n', StringComparison.Ordinal))));
    }

    /// <summary>The pod spec and the template metadata (or the Pod's own metadata fields).</summary>
    private static Gen<(YMap Spec, YMap TemplateMetadata)> Pod(string kind, Injection? inject, string? labelsAnchor, string? baseAnchor, bool portable) =>
        from containerCount in Gen.Frequency((5, Gen.Constant(1)), (3, Gen.Constant(2)), (1, Gen.Constant(3)))
        from containerNames in Gen.Shuffle(new[] { "app", "web", "worker", "api" })
        from initCount in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)))
        from volumeCount in Gen.Choose(0, 3)
        let containers = containerNames.Take(containerCount).ToList()
        let inits = new[] { "migrate", "init-db" }.Take(initCount).ToList()
        let volumeNames = new[] { "data", "cache", "config-vol" }.Take(volumeCount).ToList()
        from containerNodes in Gen.CollectToList(containers.Select((c, i) => (c, i)).ToList(), p => Container(p.c, volumeNames, p.i == 0 ? baseAnchor : null, portable))
        from initNodes in Gen.CollectToList(inits, c => Container(c, volumeNames, null, portable))
        from initField in initCount == 0
            ? Gen.Frequency((4, Gen.Constant<YEntry?>(null)), (1, Gen.Constant<YEntry?>(E("initContainers", S("")))), (1, Gen.Constant<YEntry?>(E("initContainers", new YSeq([])))))
            : Gen.Constant<YEntry?>(E("initContainers", new YSeq(initNodes)))
        from volumesField in volumeCount == 0
            ? Gen.Frequency((4, Gen.Constant<YEntry?>(null)), (1, Gen.Constant<YEntry?>(E("volumes", S("")))), (1, Gen.Constant<YEntry?>(E("volumes", new YSeq([])))))
            : Volumes(volumeNames).Select(v => (YEntry?)E("volumes", new YSeq(v)))
        from shareEnv in Gen.Frequency((6, Gen.Constant(false)), (1, Gen.Constant(true)))
        from spread in Gen.Elements(false, true)
        from annotations in PodAnnotations(inject, containers, inits, portable)
        from labels in Labels
        from extras in Gen.ListOf(Gen.Elements(
            E("restartPolicy", S(kind is "Job" or "CronJob" ? "Never" : "Always")),
            E("serviceAccountName", S("checkout-sa")),
            E("nodeName", S("node-1")),
            E("shareProcessNamespace", S("true")),
            E("terminationGracePeriodSeconds", S("30")),
            E("dnsPolicy", S("ClusterFirst")),
            E("tolerations", new YSeq([])),
            E("securityContext", new YMap([])),
            E("nodeSelector", M(E("\"kubernetes.io/os\"", S("linux"))))), 2)
        from extra in Maybe(Extra(portable), 15)
        from comment in Maybe(YamlGen.Comment, 15)
        select (
            new YMap([
                .. extras.Where(e => kind is "Job" or "CronJob" || e.Key != "restartPolicy").DistinctBy(e => e.Key),
                .. initField is null ? [] : new[] { initField },
                new YEntry("containers", new YSeq(ShareEnv(containerNodes, shareEnv && containerNodes.Count > 1)), comment),
                .. volumesField is null ? [] : new[] { volumesField },
                .. extra is null ? [] : new[] { extra }]),
            new YMap([
                E("labels", labelsAnchor is null ? labels : new YAlias(labelsAnchor)),
                .. annotations is null ? [] : new[] { annotations }]));

    // the second container takes the first one's env list by alias (`env: *shared-env`)
    private static List<YNode> ShareEnv(List<YNode> containers, bool share)
    {
        if (!share || containers[0] is not YMap first || first.Entries.FirstOrDefault(e => e.Key == "env") is not { Value: YSeq { Items.Count: > 0 } env } || containers[1] is not YMap second)
            return containers;
        var anchored = first with { Entries = first.Entries.Select(e => e.Key == "env" ? e with { Value = env with { Anchor = "shared-env" } } : e).ToList() };
        var aliased = second with { Entries = [.. second.Entries.Where(e => e.Key != "env"), E("env", new YAlias("shared-env"))] };
        return [anchored, aliased, .. containers.Skip(2)];
    }

    private static Gen<YEntry?> MetadataAnnotations(bool portable, Injection? inject) =>
        from map in StringMap(portable, 3)
        from misplaced in Gen.Frequency((12, Gen.Constant(false)), (1, Gen.Constant(inject is not null)))
        from shape in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Constant(1)), (1, Gen.Constant(2)))
        let entries = misplaced ? [.. map.Entries, E(Prefix + "inject-" + inject!.Language, S("\"true\""))] : map.Entries.ToList()
        select entries.Count > 0 ? E("annotations", new YMap(entries)) : shape switch { 1 => E("annotations", S("")), 2 => E("annotations", new YMap([])), _ => (YEntry?)null };

    /// <summary>A workload of <paramref name="kind"/>; with <paramref name="inject"/>, its pod asks for that language.</summary>
    public static Gen<YDoc> Workload(string kind, Injection? inject, bool portable, bool decorate) =>
        from name in Name("checkout")
        from useLabelsAnchor in Gen.Elements(false, true)
        from useBase in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        let anchorLabels = useLabelsAnchor && kind is not ("Pod" or "CronJob" or "Job")
        from pod in Pod(kind, inject, anchorLabels ? "pod-labels" : null, useBase ? "base-container" : null, portable)
        from metaAnnotations in MetadataAnnotations(portable, kind == "Pod" ? null : inject)
        from leading in Maybe(Gen.Elements<IReadOnlyList<string>>(["Source: chart/templates/deployment.yaml"], ["---- generated ----", "コメント"]), 20)
        from trailing in Maybe(Gen.Elements<IReadOnlyList<string>>(["end"], ["trailing: comment"]), 10)
        from replicas in Gen.Elements("1", "3", "\"2\"", "0x2")
        from topExtra in Maybe(Extra(portable), 15)
        from seed in YamlGen.Seed
        let doc = new YDoc(Build(kind, name, pod.Spec, pod.TemplateMetadata, metaAnnotations, anchorLabels, useBase, replicas, topExtra), leading, trailing)
        select decorate ? doc with { Root = new Decorator(seed, p => p.Count >= 1 && p[0] != "apiVersion" && p[0] != "kind" && p[0] != "metadata").Root(doc.Root) }
                        : doc with { Root = new Decorator(seed, p => p[^1].StartsWith("x-", StringComparison.Ordinal)).Root(doc.Root) };

    private static YMap Build(string kind, string name, YMap spec, YMap templateMeta, YEntry? metaAnnotations, bool labelsAnchor, bool useBase, string replicas, YEntry? topExtra)
    {
        var apiVersion = kind switch
        {
            "Pod" or "ReplicationController" => "v1",
            "Job" or "CronJob" => "batch/v1",
            "Rollout" => "argoproj.io/v1alpha1",
            _ => "apps/v1",
        };
        var templateLabels = templateMeta.Entries.First(e => e.Key == "labels");
        var labelsMap = templateLabels.Value as YMap ?? M(E("app", S("checkout")));
        var metadata = new List<YEntry> { E("name", S(name)), E("namespace", S(KrmGen.Namespace)) };
        var baseEntry = useBase
            ? new[] { E("x-templates", M(E("base", M(E("image", S("registry.example.com/base:1")), E("imagePullPolicy", S("IfNotPresent"))) with { Anchor = "base-container" }))) }
            : [];
        if (kind == "Pod")
        {
            metadata.Add(templateLabels);
            metadata.AddRange(templateMeta.Entries.Where(e => e.Key == "annotations"));
            return M([E("apiVersion", S(apiVersion)), E("kind", S(kind)), E("metadata", new YMap(metadata)), .. baseEntry, E("spec", spec), .. topExtra is null ? [] : new[] { topExtra }]);
        }
        if (metaAnnotations is not null)
            metadata.Add(metaAnnotations);
        var template = E("template", M(E("metadata", templateMeta), E("spec", spec)));
        var selectorLabels = labelsAnchor ? labelsMap with { Anchor = "pod-labels" } : M(E("app", S("checkout")));
        var specEntries = kind switch
        {
            "CronJob" => [E("schedule", S("\"*/5 * * * *\"")), E("concurrencyPolicy", S("Forbid")), E("jobTemplate", M(E("spec", M(template))))],
            "Job" => [E("backoffLimit", S("4")), template],
            "ReplicationController" => [E("replicas", S(replicas)), E("selector", selectorLabels), template],
            "StatefulSet" => [E("serviceName", S("checkout")), E("replicas", S(replicas)), E("selector", M(E("matchLabels", selectorLabels))), template],
            _ => new List<YEntry> { E("replicas", S(replicas)), E("selector", M(E("matchLabels", selectorLabels))), template },
        };
        return M([E("apiVersion", S(apiVersion)), E("kind", S(kind)), E("metadata", new YMap(metadata)), .. baseEntry, E("spec", new YMap(specEntries)), .. topExtra is null ? [] : new[] { topExtra }]);
    }

    /// <summary>A ConfigMap: string data in every style.</summary>
    public static Gen<YDoc> ConfigMap(bool portable) =>
        from name in Name("cm")
        from n in Gen.Choose(0, 6)
        from keys in Gen.ListOf(Gen.Elements("app.properties", "config.yaml", "\"0777\"", "'true'", "key", "日本語.txt", "script.sh", "empty", "\"1e3\"", "LONG"), n)
        from values in Gen.ListOf(StringValue(portable), n)
        from annotations in StringMap(portable, 2)
        from labels in Maybe(Labels, 30)
        let meta = new YMap([E("name", S(name)), .. labels is null ? [] : new[] { E("labels", labels) }, .. annotations.Entries.Count > 0 ? new[] { E("annotations", annotations) } : []])
        select new YDoc(M(E("apiVersion", S("v1")), E("kind", S("ConfigMap")), E("metadata", meta), E("data", new YMap(YamlGen.Unique(keys).Zip(values, (k, v) => E(k, v)).ToList()))));

    /// <summary>A ConfigMap-like custom resource nested up to 30 levels, sometimes 100 to 150 (the reader's limit is 200).</summary>
    public static Gen<YDoc> DeepResource(bool portable) =>
        from name in Name("deep")
        from levels in Gen.Frequency((9, Gen.Choose(1, 30)), (1, Gen.Choose(100, 150)))
        from deep in YamlGen.Deep(levels, portable)
        from seed in YamlGen.Seed
        let doc = new YDoc(M(E("apiVersion", S("example.com/v1")), E("kind", S("DeepConfig")), E("metadata", M(E("name", S(name)))), E("spec", deep)))
        select doc with { Root = new Decorator(seed, p => p[0] == "spec").Root(doc.Root) };

    /// <summary>A custom resource with a free-form spec, anchors, aliases and merge keys anywhere in it.</summary>
    public static Gen<YDoc> FreeResource(bool portable) =>
        from name in Name("widget")
        from spec in YamlGen.Map(3, portable)
        from status in Maybe(YamlGen.Value(2, portable), 30)
        from leading in Maybe(YamlGen.Comment.Select(c => (IReadOnlyList<string>)[c]), 20)
        from trailing in Maybe(YamlGen.Comment.Select(c => (IReadOnlyList<string>)[c]), 20)
        from seed in YamlGen.Seed
        let doc = new YDoc(M([E("apiVersion", S("example.com/v1alpha1")), E("kind", S("Widget")), E("metadata", M(E("name", S(name)), E("namespace", S("\"default\"")))), E("spec", spec), .. status is null ? [] : new[] { E("status", status) }]), leading, trailing)
        select doc with { Root = new Decorator(seed, p => p[0] is "spec" or "status").Root(doc.Root) };

    private static Gen<string> JsonString => Gen.Frequency(
        (3, Gen.Elements("yes", "0777", "1e3", "~", "null", "y", "12:30", "2024-01-01", ".inf", "0o17", "08", "=", "", "true", "<<", "- x", "#", "a: b", " padded ", "日本語", "🚀", "tab\\there", "line\\nbreak", "\\u00e9", "q\\\"uote", "back\\\\slash")),
        (1, YamlGen.Words(3).Select(YamlGen.EscapeDouble)))
        .Select(s => "\"" + s + "\"");

    private static Gen<string> JsonScalar => Gen.Frequency(
        (4, JsonString),
        (2, Gen.Elements("0", "-0", "42", "-7", "3.14", "2.50", "1e3", "1.0E+3", "123456789012345678901234567890", "true", "false", "null")));

    /// <summary>A JSON document (JSON is YAML; krm-otel re-writes it as block YAML).</summary>
    public static Gen<YDoc> JsonDoc =>
        from name in Name("json")
        from n in Gen.Choose(0, 5)
        from keys in Gen.ListOf(Gen.Elements("\"a\"", "\"0777\"", "\"true\"", "\"x y\"", "\"日本\"", "\"\"", "\"<<\""), n)
        from values in Gen.ListOf(JsonScalar, n)
        from list in Gen.ListOf(JsonScalar, 3)
        select new YDoc(M(
            E("\"apiVersion\"", S("\"v1\"")), E("\"kind\"", S("\"ConfigMap\"")),
            E("\"metadata\"", M(E("\"name\"", S($"\"{name}\"")))),
            E("\"x-data\"", new YMap(YamlGen.Unique(keys).Zip(values, (k, v) => E(k, S(v))).ToList())),
            E("\"x-list\"", new YSeq(list.Select(v => (YNode)S(v)).ToList()))), Json: true);

    /// <summary>Any document that passes through a render with no Instrumentation untouched.</summary>
    public static Gen<YDoc> PassThrough => Gen.Frequency(
        (5, Gen.Elements(Kinds).SelectMany(k => Workload(k, null, portable: false, decorate: true))),
        (2, ConfigMap(portable: false)),
        (2, DeepResource(portable: false)),
        (3, FreeResource(portable: false)),
        (1, JsonDoc));

    /// <summary>An Instrumentation named otel in shop; every field that shapes injection may vary.</summary>
    public static Gen<YDoc> Instrumentation =>
        from host in Gen.Elements("collector", "otel-collector.observability", "collector-v2.observability.svc", "10.0.0.1", "日本.example")
        from port in Gen.Elements("4317", "4318", "")
        from scheme in Gen.Elements("http", "https")
        from sampler in Maybe(Gen.OneOf(
            Gen.Elements("always_on", "always_off", "parentbased_always_on", "parentbased_always_off", "xray").Select(t => M(E("type", S(t)))),
            from t in Gen.Elements("traceidratio", "parentbased_traceidratio")
            from a in Gen.Elements("\"0.5\"", "\"0.25\"", "'1'", "\"0\"", "\"1e-1\"")
            select M(E("type", S(t)), E("argument", S(a))),
            Gen.Constant(M(E("type", S("jaeger_remote")), E("argument", S("\"endpoint=http://jaeger:14250,pollingIntervalMs=5000,initialSamplingRate=0.25\""))))), 70)
        from propagators in Maybe(Gen.SubListOf(new[] { "tracecontext", "baggage", "b3", "b3multi", "jaeger", "xray", "ottrace" }).Where(l => l.Count > 0).Select(l => E("propagators", new YSeq(l.Select(p => (YNode)S(p)).ToList(), Flow: l.Count % 2 == 0))), 50)
        from uid in Maybe(Gen.Elements("true", "false"), 30)
        from attributes in Maybe(Gen.Elements(
            M(E("team", S("platform"))),
            M(E("deployment.environment", S("\"prod\"")), E("k8s.cluster.name", S("'east-1'"))),
            M(E("service.namespace", S("\"custom-ns\"")), E("\"0777\"", S("\"octal\"")))), 40)
        from useLabels in Maybe(Gen.Elements("true", "false"), 20)
        from envCount in Gen.Choose(0, 3)
        from envNames in Gen.ListOf(Gen.Elements("OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_LOG_LEVEL", "LOG_LEVEL", "OTEL_SERVICE_NAME", "OTEL_METRICS_EXPORTER", "JAVA_TOOL_OPTIONS"), envCount)
        from envValues in Gen.ListOf(Gen.Elements("\"10000\"", "\"debug\"", "'0777'", "\"yes\"", "\"-Dx=1\"", "\"日本\""), envCount)
        from pull in Maybe(Gen.Elements("IfNotPresent", "Always"), 30)
        from version in Gen.Elements("v1", "v2", "1.2.3", "latest", "sha-0777")
        from languageEnv in Maybe(Gen.Elements("java", "nodejs", "python", "dotnet", "go"), 30)
        from resources in Maybe(Gen.Elements("java", "nodejs", "python", "go"), 20)
        from exe in Maybe(Gen.Constant("\"/app/from-cr\""), 10)
        from comment in Maybe(YamlGen.Comment, 15)
        let endpoint = $"{scheme}://{host}{(port.Length > 0 ? ":" + port : "")}"
        let spec = new List<YEntry?>
        {
            new YEntry("exporter", M(E("endpoint", S(endpoint))), comment),
            propagators,
            sampler is null ? null : E("sampler", sampler),
            uid is null && attributes is null ? null : E("resource", new YMap([.. uid is null ? [] : new[] { E("addK8sUIDAttributes", S(uid)) }, .. attributes is null ? [] : new[] { E("resourceAttributes", attributes) }])),
            useLabels is null ? null : E("defaults", M(E("useLabelsForResourceAttributes", S(useLabels)))),
            envCount == 0 ? null : E("env", new YSeq(envNames.Zip(envValues).DistinctBy(p => p.First).Select(p => (YNode)M(E("name", S(p.First)), E("value", S(p.Second)))).ToList())),
            pull is null ? null : E("imagePullPolicy", S(pull)),
        }
        .Concat(Languages.Where(l => l != "sdk").Select(l => E(l, new YMap([
            E("image", S($"registry.example.com/{l}-agent:{version}")),
            .. LanguageEnv(languageEnv == l, l == "go" ? exe : null),
            .. resources == l ? new[] { E(l == "java" ? "resources" : "resourceRequirements", M(E("limits", M(E("cpu", S("\"1\"")), E("memory", S("512Mi")))))) } : []]))))
        .OfType<YEntry>()
        .ToList()
        select new YDoc(M(
            E("apiVersion", S("opentelemetry.io/v1alpha1")), E("kind", S("Instrumentation")),
            E("metadata", M(E("name", S(InstrumentationName)), E("namespace", S(KrmGen.Namespace)))),
            E("spec", new YMap(spec))));

    private static YEntry[] LanguageEnv(bool setting, string? exe)
    {
        var items = new List<YNode>();
        if (setting)
            items.Add(M(E("name", S("OTEL_LANG_SETTING")), E("value", S("\"on\""))));
        if (exe is not null)
            items.Add(M(E("name", S("OTEL_GO_AUTO_TARGET_EXE")), E("value", S(exe))));
        return items.Count == 0 ? [] : [E("env", new YSeq(items))];
    }

    public static Gen<Injection> InjectionGen =>
        from language in Gen.Elements(Languages)
        from value in Gen.Frequency(
            (6, Gen.Constant("\"true\"")), (1, Gen.Constant("'true'")), (1, Gen.Constant("\"True\"")), (1, Gen.Constant("!!str true")),
            (2, Gen.Constant(InstrumentationName)), (2, Gen.Constant($"{KrmGen.Namespace}/{InstrumentationName}")), (1, Gen.Constant($"\"{KrmGen.Namespace}/{InstrumentationName}\"")))
        from second in Gen.Frequency((4, Gen.Constant<string?>(null)), (1, Gen.Elements(Languages.Where(l => l != language).ToArray()).Select(l => (string?)l)))
        select new Injection(language, value, second);
}
