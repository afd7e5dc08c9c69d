using System.Text;
using KrmOtel.Tests.Support;
using static KrmOtel.Tests.Cli.CliSupport;
using static KrmOtel.Tests.Cli.HostileCase;

namespace KrmOtel.Tests.Cli;

/// <summary>
/// Issue 7's hostile-input suite (listed in HOSTILE.md): every case ends with the exit code it names and a finding
/// naming object, field and file, or with success; never a crash, a stack trace, a hang or partial output.
/// </summary>
[Collection(HeavyCollection.Name)]
public class HostileInputTests
{
    private const string Java = CliSupport.JavaShop;


    private const string Collector = """
        apiVersion: opentelemetry.io/v1beta1
        kind: OpenTelemetryCollector
        metadata:
          name: otel
          namespace: demo
        spec:
          config:
            receivers:
              otlp:
                protocols:
                  grpc: {}
            exporters:
              debug: {}
            service:
              pipelines:
                traces:
                  receivers: [otlp]
                  exporters: [debug]
        """;

    private const string Namespace = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n  annotations:\n";

    private const string Cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";

    private const string Rl = "apiVersion: config.kubernetes.io/v1\nkind: ResourceList\n";

    private const string JsonRl = """{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}]}""";

    private const string InstrumentationSays = "Instrumentation/demo/demo-instrumentation: ";

    private const string ShopSays = "<stdin>: Deployment/demo/shop: ";

    private const string CollectorSays = "<stdin>: OpenTelemetryCollector/demo/otel: ";

    /// <summary>The Instrumentation with more spec lines, then the Java Deployment with more lines under its container.</summary>
    private static string Pair(string specLines = "", string containerLines = "") =>
        Instr + specLines + "\n---\n" + Java + containerLines;

    private static string JavaWith(string from, string to) => Instr + "\n---\n" + Java.Replace(from, to, StringComparison.Ordinal);

    private static string Deployment(string spec) => "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop\n  namespace: demo\n" + spec;

    /// <summary>A Deployment that asks for nothing, in namespace demo, after a Namespace with the given annotation lines.</summary>
    private static string InNamespace(string annotationLines) =>
        Namespace + annotationLines + "\n---\n" + Instr + "\n---\n" + Java.Replace("        instrumentation.opentelemetry.io/inject-java: \"true\"\n", "        team: shop\n", StringComparison.Ordinal);

    private static string CollectorWith(string specLines) => Collector + specLines;

    private static string Config(string spec) => "\n---\napiVersion: fn.krm-otel.dev/v1alpha1\nkind: KrmOtel\nmetadata:\n  name: otel\nspec:\n" + spec;

    private static string ConfigMaps(int count, Func<int, string> data)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < count; i++)
            sb.Append(i > 0 ? "---\n" : "").Append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-").Append(i).Append("\ndata:\n  k: ").Append(data(i)).Append('\n');
        return sb.ToString();
    }

    private static byte[] WithBytes(string before, byte[] bad, string after) => [.. Utf8(before), .. bad, .. Utf8(after)];

    public static readonly IReadOnlyDictionary<string, HostileCase> Cases = new Dictionary<string, HostileCase>
    {
        // ---- truncated and malformed YAML and JSON
        ["yaml truncated inside a quoted scalar"] = Refused(Feed.Render, Java[..Java.IndexOf("example", StringComparison.Ordinal)] + "\"example.com/sh", "not valid YAML: line 14", "unexpected end of stream"),
        ["yaml truncated inside a flow mapping"] = Refused(Feed.Render, Cm + "data: {a: 1, b", "<stdin>: not valid YAML: line 6", "did not find expected ',' or '}'"),
        ["yaml truncated in the middle of a key"] = Refused(Feed.Render, Cm + "  labels:\n    app: x\n  annot", "not valid YAML: line 7"),
        ["yaml ResourceList truncated inside a quoted scalar"] = Refused(Feed.Raw, Rl + "items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: \"a", "ResourceList: line 7", "unexpected end of stream"),
        ["yaml a sequence entry inside a mapping"] = Refused(Feed.Render, Cm + "data:\n  k: v\n- x\n", "<stdin>: not valid YAML: line 7", "did not find expected key"),
        ["yaml a complex mapping key"] = Refused(Feed.Render, Cm + "data:\n  ? [a, b]\n  : c\n", "not valid YAML: line 6", "a mapping key must be a scalar"),
        ["yaml an undefined alias"] = Refused(Feed.Render, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: *nope\n", "not valid YAML: line 4", "unknown alias *nope"),
        ["yaml an anchor used in a later document"] = Refused(Feed.Render, Cm + "data:\n  k: &x v\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  k: *x\n", "unknown alias *x"),
        ["yaml a lone surrogate escape"] = Refused(Feed.Render, Cm + "data:\n  k: \"\\ud800\"\n", "not valid YAML: line 6", "surrogate"),
        ["yaml a control character in a plain scalar"] = Refused(Feed.Render, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\u0007b\n", "line 4", "control character U+0007"),
        ["yaml only comments"] = Refused(Feed.Render, "# nothing\n---\n# still nothing\n", "no Kubernetes objects found in -"),
        ["yaml empty stdin"] = Refused(Feed.Render, "", "no Kubernetes objects found in -"),
        ["yaml CRLF line endings"] = Rendered(Feed.Render, "apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: a\r\n"),
        ["yaml a python object tag is a tag, never run"] = Rendered(Feed.Render, Cm + "data:\n  k: !!python/object/apply:os.system ['touch /tmp/krm-otel-pwned']\n", identity: true),
        ["yaml a custom tag"] = Rendered(Feed.Render, Cm + "data:\n  k: !secret x\n", identity: true),
        ["json ResourceList truncated in a string"] = Refused(Feed.Raw, JsonRl[..60], "ResourceList: line 1", "unexpected end of stream"),
        ["json ResourceList truncated before its closing braces"] = Refused(Feed.Raw, JsonRl[..^3], "ResourceList: line 2", "did not find expected ',' or '}'"),
        ["json ResourceList with a double comma"] = Refused(Feed.Raw, JsonRl.Replace("\"kind\":\"ResourceList\",", "\"kind\":\"ResourceList\",,", StringComparison.Ordinal), "ResourceList: line 1"),
        ["json ResourceList with an unquoted key"] = Refused(Feed.Raw, JsonRl.Replace("\"kind\"", "kind", StringComparison.Ordinal), "stdin is not a ResourceList"),
        ["json ResourceList whose item is a number"] = Refused(Feed.Raw, """{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[1]}""", "item 0 (line 1) is not an object"),
        ["json ResourceList whose items is a string"] = Refused(Feed.Raw, """{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":"x"}""", "items is not a list"),
        ["json ResourceList whose functionConfig is a list"] = Refused(Feed.Raw, """{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[],"functionConfig":[1]}""", "functionConfig is not an object"),
        ["json ResourceList with a trailing comma (YAML flow allows it)"] = Rendered(Feed.Raw, JsonRl.Replace("}]}", "},]}", StringComparison.Ordinal)),
        ["json ResourceList whole"] = Rendered(Feed.Raw, JsonRl),

        // ---- ResourceLists with nothing in them
        ["ResourceList with items: []"] = Rendered(Feed.Raw, Rl + "items: []\n"),
        ["ResourceList with items: null"] = Rendered(Feed.Raw, Rl + "items: null\n"),
        ["ResourceList with items: and nothing after"] = Rendered(Feed.Raw, Rl + "items:\n"),
        ["ResourceList with no items key"] = Rendered(Feed.Raw, Rl),
        ["json ResourceList with items null"] = Rendered(Feed.Raw, """{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":null}"""),
        ["json ResourceList with no items key"] = Rendered(Feed.Raw, """{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList"}"""),
        ["ResourceList whose items is a scalar"] = Refused(Feed.Raw, Rl + "items: 5\n", "items is not a list"),
        ["ResourceList whose kind is a list"] = Refused(Feed.Raw, "apiVersion: config.kubernetes.io/v1\nkind: [ResourceList]\nitems: []\n", "stdin is not a ResourceList"),
        ["empty stdin where a ResourceList is expected"] = Refused(Feed.Raw, "", "stdin is not a ResourceList"),

        // ---- duplicate keys
        ["duplicate top-level key"] = Refused(Feed.Render, "apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata:\n  name: a\n", "line 3", "duplicate key \"kind\""),
        ["duplicate key in a pod template"] = Refused(Feed.Render, Java + "\n      containers: []\n", "duplicate key \"containers\""),
        ["duplicate key in an Instrumentation spec"] = Refused(Feed.Render, Pair("\n  exporter:\n    endpoint: http://x:4318") + "\n", "duplicate key \"exporter\""),
        ["duplicate items key in a ResourceList"] = Refused(Feed.Raw, Rl + "items: []\nitems: []\n", "ResourceList: line 4", "duplicate key \"items\""),
        ["duplicate key in a JSON ResourceList"] = Refused(Feed.Raw, """{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[],"items":[]}""", "duplicate key \"items\""),

        // ---- Instrumentation: wrong types at every level the function reads
        ["Instrumentation spec.java a string"] = Refused(Feed.Render, Pair("\n  java: just-a-string"), InstrumentationSays + "spec.java: must be an object", ShopSays),
        ["Instrumentation spec.java.resources a list"] = Refused(Feed.Render, Pair("\n  java:\n    resources: [a, b]"), InstrumentationSays + "spec.java.resources: must be an object, not a list"),
        ["Instrumentation spec.java.env a map"] = Refused(Feed.Render, Pair("\n  java:\n    env:\n      A: b"), InstrumentationSays + "spec.java.env: must be a list"),
        ["Instrumentation spec.java.image a number"] = Refused(Feed.Render, Pair("\n  java:\n    image: 42"), InstrumentationSays + "spec.java.image: must be a string, not 42"),
        ["Instrumentation spec.java.image a map"] = Refused(Feed.Render, Pair("\n  java:\n    image: {a: b}"), InstrumentationSays + "spec.java.image: must be a string, not an object"),
        ["Instrumentation spec.java.volumeLimitSize a list"] = Refused(Feed.Render, Pair("\n  java:\n    volumeLimitSize: [1]"), InstrumentationSays + "spec.java.volumeLimitSize: must be a quantity"),
        ["Instrumentation spec.exporter a string"] = Refused(Feed.Render, Instr.Replace("  exporter:\n    endpoint: http://otel-collector.observability.svc.cluster.local:4318", "  exporter: http://x", StringComparison.Ordinal) + "\n---\n" + Java, InstrumentationSays + "spec.exporter: must be an object"),
        ["Instrumentation spec.exporter.endpoint a number"] = Refused(Feed.Render, Instr.Replace("endpoint: http://otel-collector.observability.svc.cluster.local:4318", "endpoint: 4318", StringComparison.Ordinal) + "\n---\n" + Java, InstrumentationSays + "spec.exporter.endpoint: must be a string, not 4318"),
        ["Instrumentation spec.env a map"] = Refused(Feed.Render, Pair("\n  env:\n    A: b"), InstrumentationSays + "spec.env: must be a list"),
        ["Instrumentation spec.env entry without a name"] = Refused(Feed.Render, Pair("\n  env:\n  - value: x"), InstrumentationSays + "spec.env[0]: must be an env var object with a name"),
        ["Instrumentation spec.env entry a string"] = Refused(Feed.Render, Pair("\n  env:\n  - OTEL=x"), InstrumentationSays + "spec.env[0]: must be an env var object with a name"),
        ["Instrumentation spec.sampler a list"] = Refused(Feed.Render, Pair("\n  sampler: [a]"), InstrumentationSays + "spec.sampler: must be an object, not a list"),
        ["Instrumentation spec.propagators a string"] = Refused(Feed.Render, Pair("\n  propagators: tracecontext"), InstrumentationSays + "spec.propagators: must be a list"),
        ["Instrumentation spec.resource.resourceAttributes a list"] = Refused(Feed.Render, Pair("\n  resource:\n    resourceAttributes: [a]"), InstrumentationSays + "spec.resource.resourceAttributes: must be an object, not a list"),
        ["Instrumentation metadata a list"] = Refused(Feed.Render, "apiVersion: opentelemetry.io/v1alpha1\nkind: Instrumentation\nmetadata: [a]\nspec: {}\n---\n" + Java, "<stdin>: document 0 (line 1) has no metadata"),

        // ---- workloads: wrong types on the way to the containers
        ["pod template a list, injection asked by the Namespace"] = Refused(Feed.Render, Namespace + "    instrumentation.opentelemetry.io/inject-java: \"true\"\n---\n" + Instr + "\n---\n" + Deployment("spec:\n  template: [a, b]\n"), ShopSays + "spec.template: injection is asked for, but there is no pod template object here"),
        ["pod template a list, nothing asked"] = Rendered(Feed.Render, Deployment("spec:\n  template: [a, b]\n"), identity: true),
        ["workload spec a string, injection asked by a rule"] = Refused(Feed.Render, Instr + "\n---\n" + Deployment("spec: hello\n") + Config("  inject:\n  - language: java\n"), ShopSays + "spec.template: injection is asked for"),
        ["pod spec a string with an inject annotation"] = Refused(Feed.Render, Instr + "\n---\n" + Deployment("spec:\n  template:\n    metadata:\n      annotations:\n        instrumentation.opentelemetry.io/inject-java: \"true\"\n    spec: hello\n"), ShopSays + "spec.template.spec: injection is asked for, but the pod spec is \"hello\""),
        ["CronJob jobTemplate a string, injection asked by the Namespace"] = Refused(Feed.Render, Namespace + "    instrumentation.opentelemetry.io/inject-java: \"true\"\n---\n" + Instr + "\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\n  namespace: demo\nspec:\n  jobTemplate: x\n", "CronJob/demo/nightly: spec.jobTemplate.spec.template: injection is asked for"),
        ["pod template metadata.annotations a list"] = Refused(Feed.Render, Instr + "\n---\n" + Deployment("spec:\n  template:\n    metadata:\n      annotations: [instrumentation.opentelemetry.io/inject-java]\n    spec:\n      containers:\n      - name: a\n        image: b\n"), ShopSays + "spec.template.metadata.annotations: must be a map of strings, not a list"),
        ["inject annotation a boolean"] = Refused(Feed.Render, JavaWith("inject-java: \"true\"", "inject-java: true"), ShopSays + "spec.template.metadata.annotations[instrumentation.opentelemetry.io/inject-java]: annotation values are strings", "not true"),
        ["inject annotation a map"] = Refused(Feed.Render, JavaWith("inject-java: \"true\"", "inject-java: {a: b}"), "annotations[instrumentation.opentelemetry.io/inject-java]: annotation values are strings", "not an object"),
        ["inject annotation a number"] = Refused(Feed.Render, JavaWith("inject-java: \"true\"", "inject-java: 1"), "annotations[instrumentation.opentelemetry.io/inject-java]: annotation values are strings", "not 1"),
        ["inject annotation null is the empty string"] = Rendered(Feed.Render, JavaWith("inject-java: \"true\"", "inject-java:")),
        ["workload's own metadata.annotations a list"] = Refused(Feed.Render, JavaWith("  namespace: demo\nspec:", "  namespace: demo\n  annotations: [a]\nspec:"), "<stdin>: document 1 (line 10) has metadata.annotations that is not a map"),
        ["containers a map (ResourceList)"] = Refused(Feed.ResourceList, JavaWith("      containers:\n      - name: shop\n        image: example.com/shop:v1", "      containers: {shop: {image: x}}"), "Deployment/demo/shop: spec.template.spec.containers: must be a non-empty list of containers"),
        ["a container that is a string (ResourceList)"] = Refused(Feed.ResourceList, JavaWith("      - name: shop\n        image: example.com/shop:v1", "      - shop"), "Deployment/demo/shop: spec.template.spec.containers[0]: must be a container object with a name, not \"shop\""),
        ["a container name that is a number"] = Refused(Feed.Render, JavaWith("- name: shop", "- name: 7"), ShopSays + "spec.template.spec.containers[0].name: a container needs a name (a non-empty string), not 7"),
        ["initContainers a string"] = Refused(Feed.Render, Pair(containerLines: "\n      initContainers: just-a-string"), ShopSays + "spec.template.spec.initContainers: must be a non-empty list of containers, not \"just-a-string\""),
        ["volumes a scalar"] = Refused(Feed.Render, Pair(containerLines: "\n      volumes: 7"), ShopSays + "spec.template.spec.volumes: must be a list of volumes, not 7"),
        ["container env entry without a name"] = Refused(Feed.Render, Pair(containerLines: "\n        env:\n        - value: x"), ShopSays + "spec.template.spec.containers[0].env: must be a list of env vars"),
        ["container env a map"] = Refused(Feed.Render, Pair(containerLines: "\n        env:\n          A: b"), ShopSays + "spec.template.spec.containers[0].env: must be a list of env vars"),
        ["container env a string"] = Refused(Feed.Render, Pair(containerLines: "\n        env: A=b"), ShopSays + "spec.template.spec.containers[0].env: must be a list of env vars"),
        ["container volumeMounts a map"] = Refused(Feed.Render, Pair(containerLines: "\n        volumeMounts: {a: b}"), ShopSays + "spec.template.spec.containers[0].volumeMounts: must be a list of volume mounts, not an object"),

        // ---- Namespace annotations
        ["Namespace metadata.annotations a list"] = Refused(Feed.Render, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n  annotations: [a]\n---\n" + Java, "<stdin>: document 0 (line 1) has metadata.annotations that is not a map"),
        ["Namespace inject annotation a boolean"] = Refused(Feed.Render, InNamespace("    instrumentation.opentelemetry.io/inject-java: true"), "<stdin>: Namespace/demo: metadata.annotations[instrumentation.opentelemetry.io/inject-java]: annotation values are strings"),
        ["Namespace inject annotation a map"] = Refused(Feed.Render, InNamespace("    instrumentation.opentelemetry.io/inject-java: {a: b}"), "Namespace/demo: metadata.annotations[instrumentation.opentelemetry.io/inject-java]: annotation values are strings"),
        ["Namespace metadata a string"] = Refused(Feed.Render, "apiVersion: v1\nkind: Namespace\nmetadata: demo\n---\n" + Java, "document 0 (line 1) has no metadata"),

        // ---- function config fields of wrong types
        ["config spec a list"] = Refused(Feed.Render, Cm + Config("  - a"), "spec", "KrmOtel/otel"),
        ["config inject a map"] = Refused(Feed.Render, Cm + Config("  inject:\n    language: java"), "spec.inject"),
        ["config inject entry a string"] = Refused(Feed.Render, Cm + Config("  inject:\n  - java"), "spec.inject[0]"),
        ["config keepCustomResources a string"] = Refused(Feed.Render, Cm + Config("  keepCustomResources: \"yes\""), "spec.keepCustomResources"),
        ["config imageRegistry a number"] = Refused(Feed.Render, Cm + Config("  imageRegistry: 5"), "spec.imageRegistry"),
        ["config podSecurity a list"] = Refused(Feed.Render, Cm + Config("  podSecurity: [restricted]"), "spec.podSecurity"),
        ["config containerNames a string"] = Refused(Feed.Render, Cm + Config("  inject:\n  - language: java\n    containerNames: app"), "spec.inject[0].containerNames"),
        ["config selector.kinds a string"] = Refused(Feed.Render, Cm + Config("  inject:\n  - language: java\n    selector:\n      kinds: Deployment"), "spec.inject[0].selector.kinds"),
        ["config matchLabels a list"] = Refused(Feed.Render, Cm + Config("  inject:\n  - language: java\n    selector:\n      labelSelector:\n        matchLabels: [a]"), "spec.inject[0].selector.labelSelector.matchLabels"),

        // ---- OpenTelemetryCollector spec, config and ports of wrong types
        ["collector spec a string"] = Refused(Feed.Render, "apiVersion: opentelemetry.io/v1beta1\nkind: OpenTelemetryCollector\nmetadata:\n  name: otel\n  namespace: demo\nspec: x\n", CollectorSays + "spec.config: the collector has no config object"),
        ["collector v1beta1 config a list"] = Refused(Feed.Render, Collector[..Collector.IndexOf("  config:", StringComparison.Ordinal)] + "  config: [a]\n", CollectorSays + "spec.config: the collector has no config object"),
        ["collector v1alpha1 config not YAML"] = Refused(Feed.Render, "apiVersion: opentelemetry.io/v1alpha1\nkind: OpenTelemetryCollector\nmetadata:\n  name: otel\n  namespace: demo\nspec:\n  config: 'receivers: [1'\n", CollectorSays + "spec.config: the collector config does not parse as YAML"),
        ["collector config.receivers a list"] = Refused(Feed.Render, Collector.Replace("    receivers:\n      otlp:\n        protocols:\n          grpc: {}", "    receivers: [otlp]", StringComparison.Ordinal), CollectorSays + "spec.config.service.pipelines.traces.receivers"),
        ["collector ports a map"] = Refused(Feed.Render, CollectorWith("\n  ports: {a: 1}"), CollectorSays + "spec.ports: must be a list of ports, not an object"),
        ["collector ports entry a string"] = Refused(Feed.Render, CollectorWith("\n  ports: [a]"), CollectorSays + "spec.ports[0]: must be a port object"),
        ["collector port a string"] = Refused(Feed.Render, CollectorWith("\n  ports:\n  - name: x\n    port: abc"), CollectorSays + "spec.ports[0].port: must be a port number from 1 to 65535, not \"abc\""),
        ["collector mode a number"] = Refused(Feed.Render, CollectorWith("\n  mode: 7"), CollectorSays + "spec.mode: must be one of deployment, daemonset, statefulset, sidecar, not 7"),
        ["collector replicas a string"] = Refused(Feed.Render, CollectorWith("\n  replicas: many"), CollectorSays + "spec.replicas: must be an integer"),
        ["collector args a list"] = Refused(Feed.Render, CollectorWith("\n  args: [a]"), CollectorSays + "spec.args: must be a map of strings"),
        ["collector env a map"] = Refused(Feed.Render, CollectorWith("\n  env: {a: b}"), CollectorSays + "spec: cannot read spec: env has a type the Kubernetes field cannot hold"),
        ["collector resources a list"] = Refused(Feed.Render, CollectorWith("\n  resources: [a]"), CollectorSays + "spec: cannot read spec: resources has a type the Kubernetes field cannot hold"),
        ["collector volumes a scalar"] = Refused(Feed.Render, CollectorWith("\n  volumes: 3"), CollectorSays + "spec: cannot read spec: volumes has a type the Kubernetes field cannot hold"),

        // ---- alias bombs, depth, counts and sizes
        ["alias bomb through merge keys"] = Refused(Feed.Render, MergeBomb(), "alias"),
        ["alias bomb in a JSON-style flow ResourceList"] = Refused(Feed.Raw, Rl + "items: [&a [{k: v}], &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a], &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b], &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c], &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d], &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e], [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]]\n", "alias"),
        ["JSON nested 1,000 levels"] = Refused(Feed.Raw, """{"apiVersion":"config.kubernetes.io/v1","kind":"ResourceList","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"x":""" + new string('[', 1000) + new string(']', 1000) + "}}]}", "nesting deeper than 200 levels"),
        ["100,000 documents"] = new(Feed.Render, () => Utf8(ConfigMaps(100_000, i => "v" + i)), 0, [], Identity: true),
        ["200,001 documents (above the document limit)"] = Refused(Feed.Render, string.Concat(Enumerable.Repeat("---\na: 1\n", 200_001)), "<stdin>: not valid YAML: line 400001: more than 200000 documents"),
        ["300,000 empty documents (bounded by the input size only)"] = Refused(Feed.Render, string.Concat(Enumerable.Repeat("---\n", 300_000)), "no Kubernetes objects found in -"),
        ["a 10 MB annotation value"] = new(Feed.Render, () => Utf8(Cm.Replace("  name: a\n", "  name: a\n  annotations:\n    big: " + new string('x', 10 * 1024 * 1024) + "\n", StringComparison.Ordinal)), 0, [], Identity: true),
        ["a 10 MB annotation on a workload that is injected"] = new(Feed.Render, () => Utf8(JavaWith("        instrumentation.opentelemetry.io/inject-java: \"true\"", "        instrumentation.opentelemetry.io/inject-java: \"true\"\n        big: " + new string('y', 10 * 1024 * 1024))), 0, []),
        ["a 10 MB inject annotation value (the finding quotes its start)"] = new(Feed.Render, () => Utf8(JavaWith("inject-java: \"true\"", "inject-java: " + new string('z', 10 * 1024 * 1024))), 1, ["annotations[instrumentation.opentelemetry.io/inject-java]: \"zzz", "more characters)"]),
        ["a 20 MB line (one flow mapping)"] = new(Feed.Render, () => Utf8(Cm + "data: {" + string.Join(", ", Enumerable.Range(0, 1_000_000).Select(i => $"k{i}: {i}")) + "}\n"), 0, [], Identity: true),
        ["a 4 MB key (YAML allows 1024 characters in an implicit key)"] = new(Feed.Render, () => Utf8(Cm + "data:\n  " + new string('k', 4 * 1024 * 1024) + ": v\n"), 1, ["<stdin>: not valid YAML: line 6"]),
        ["a 4 MB quoted explicit key"] = new(Feed.Render, () => Utf8(Cm + "data:\n  ? \"" + new string('k', 4 * 1024 * 1024) + "\"\n  : v\n"), 0, [], Identity: true),
        ["100,000 container names in one annotation (duplicates found by hashing)"] = new(Feed.Render, () => Utf8(JavaWith("inject-java: \"true\"", "inject-java: \"true\"\n        instrumentation.opentelemetry.io/container-names: " + string.Join(",", Enumerable.Repeat("shop", 100_000)))), 0, ["duplicated container names for java: shop,shop,"]),
        ["100,000 keys in one map"] = new(Feed.Render, () => Utf8(Cm + "data:\n" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"  k{i}: v\n"))), 0, [], Identity: true),

        // ---- NUL bytes and invalid UTF-8 on stdin
        ["NUL byte in a JSON ResourceList"] = Refused(Feed.Raw, JsonRl.Replace("\"a\"", "\"a\0\"", StringComparison.Ordinal), "control character U+0000"),
        ["NUL byte in a YAML ResourceList"] = Refused(Feed.Raw, Rl + "items:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\0\n", "U+0000"),
        ["invalid UTF-8 on stdin (render)"] = new(Feed.Render, () => WithBytes(Cm + "data:\n  k: \"", [0xC3, 0x28], "\"\n"), 1, ["krm-otel: error: stdin is not valid UTF-8 (byte 63 of the input)"]),
        ["invalid UTF-8 on stdin (ResourceList)"] = new(Feed.Raw, () => WithBytes(Rl + "items: []\n# ", [0xFF], "\n"), 1, ["stdin is not valid UTF-8"]),
        ["an overlong UTF-8 encoding of '/'"] = new(Feed.Render, () => WithBytes(Cm + "data:\n  k: ..", [0xC0, 0xAF], "etc\n"), 1, ["stdin is not valid UTF-8"]),
        ["a UTF-8 encoded surrogate"] = new(Feed.Render, () => WithBytes(Cm + "data:\n  k: ", [0xED, 0xA0, 0x80], "\n"), 1, ["stdin is not valid UTF-8"]),
        ["UTF-8 cut in the middle of a character at the end"] = new(Feed.Render, () => WithBytes(Cm + "data:\n  k: x", [0xE2, 0x82], ""), 1, ["stdin is not valid UTF-8"]),
        ["UTF-16 input"] = new(Feed.Render, () => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Cm)], 1, ["stdin is not valid UTF-8"]),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    private static string MergeBomb()
    {
        var sb = new StringBuilder(Cm + "data:\n  a0: &a0 {k: v}\n");
        for (var i = 1; i <= 9; i++)
            sb.Append($"  a{i}: &a{i}\n").Append(string.Concat(Enumerable.Range(0, 10).Select(j => $"    m{j}: *a{i - 1}\n")));
        return sb.ToString();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_hostile_input_ends_with_its_exit_code_and_a_finding_naming_it(string name)
    {
        var c = Cases[name];
        var r = HostileRun.Run(c);
        NoStackTrace(r);
        Assert.True(r.Exit == c.Exit, $"exit {r.Exit}, expected {c.Exit}\nstderr:\n{Cut(r.Stderr)}\nstdout:\n{Cut(r.Stdout)}");
        foreach (var e in c.Expected)
            Assert.True(r.Stderr.Contains(e, StringComparison.Ordinal), $"stderr lacks \"{e}\":\n{Cut(r.Stderr)}");
        // stderr is printable lines: nothing from the input can drive a terminal
        Assert.DoesNotContain(r.Stderr, ch => char.IsControl(ch) && ch != '\n');
        if (c.Exit != 0)
            NothingButFindings(c, r);
        else if (c.Identity)
            Assert.True(Encoding.UTF8.GetString(c.Stdin()) == r.Stdout, "the render did not write the input back byte for byte");
    }

    // a refusal writes no objects (render), or hands the items back untouched with the results (ResourceList)
    private static void NothingButFindings(HostileCase c, RunResult r)
    {
        // the last line sums up, or is the one error that stopped everything (input that is not text)
        Assert.Matches(@"krm-otel: (render refused: \d+ finding\(s\) at or above error|error: [^\n]+)\n$", r.Stderr);
        if (c.Feed == Feed.Render || r.Stdout.Length == 0)
        {
            Assert.Equal("", r.Stdout);
            return;
        }
        Assert.Equal("ResourceList", Str(r.ResourceList["kind"]));
        Assert.Contains(Results(r), x => Str(x!["severity"]) == "error");
        Assert.DoesNotContain("krm-otel.dev/injected", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("opentelemetry-auto-instrumentation", r.Stdout, StringComparison.Ordinal);
    }

    private static string Cut(string s) => s.Length > 3000 ? s[..3000] + $"... ({s.Length} chars)" : s;

    [Fact]
    public void Every_case_is_listed_in_HOSTILE_md()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KrmOtel.sln")))
            dir = dir.Parent;
        Assert.NotNull(dir);
        var table = File.ReadAllText(Path.Combine(dir.FullName, "tests", "KrmFunction.Tests", "Cli", "HOSTILE.md"));
        Assert.All(Cases.Keys, name => Assert.Contains($"| {name} |", table, StringComparison.Ordinal));
    }
}
