using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KrmOtel.Config;
using KrmOtel.Model;
using KrmOtel.Patching;

namespace KrmOtel.Instrumentation;

/// <summary>
/// The instrumentation half of the webhook (podmutator.go Mutate, spec §1), run on every workload of the render:
/// select languages from annotations and rules, resolve Instrumentations, validate, then call each language's injector.
/// </summary>
/// <param name="mutators">pod mutators run before the languages (the collector sidecar)</param>
public sealed partial class InstrumentationPass(KrmOtelConfig config, InstrumentationIndex index, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> namespaces, IReadOnlyList<IPodMutator>? mutators = null)
{
    private static readonly IInjector[] Injectors = [new JavaInjector(), new NodeJsInjector(), new PythonInjector(), new DotNetInjector(), new GoInjector(), new ApacheHttpdInjector(), new NginxInjector(), new SdkInjector()];
    private static readonly string[] AlreadyInjectedInit =
    [
        "opentelemetry-auto-instrumentation-java", "opentelemetry-auto-instrumentation-nodejs", "opentelemetry-auto-instrumentation-python",
        "opentelemetry-auto-instrumentation-dotnet", "otel-agent-attach-apache", "otel-agent-source-container-clone",
    ];

    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = new Dictionary<string, string>();

    [GeneratedRegex("^[a-zA-Z0-9-,]+$")]
    private static partial Regex ContainerNamesSyntax();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex DnsName();

    public void Run(Resource workload, List<Finding> findings)
    {
        if (WorkloadKind.Of(workload) is not { } kind)
            return;
        var ns = namespaces.GetValueOrDefault(workload.Namespace ?? "") ?? NoAnnotations;
        var template = kind.Template(workload.Node);
        if (Unreadable(workload, kind, template, ns) is { } problem)
        {
            findings.Add(Finding.Error(problem.Message, workload, problem.Field));
            return;
        }
        if (template?["spec"] is not JsonObject)
            return;
        var record = InjectionRecord.Read(workload.Node, out var unreadable);
        if (unreadable is not null)
        {
            findings.Add(Finding.Error(unreadable, workload, $"metadata.annotations[{InjectionRecord.Annotation}]"));
            return;
        }
        if (record is null)
        {
            Inject(workload, kind, template, ns, findings);
            return;
        }
        // rendered before: take out what that render added, inject afresh, keep the result only if it differs
        var scratch = new Resource((JsonObject)workload.Node.DeepClone(), null, workload.File);
        var scratchTemplate = kind.Template(scratch.Node)!;
        Stripper.Strip(new PodContext(scratch, kind, scratchTemplate, NoAnnotations, NoAnnotations), record);
        Inject(scratch, kind, scratchTemplate, ns, findings);
        if (!JsonNode.DeepEquals(scratch.Node, workload.Node))
        {
            foreach (var op in scratch.Patch)
                workload.Apply(op);
        }
    }

    /// <param name="template">the workload's pod template, which has a spec</param>
    /// <param name="nsAnnotations">the annotations of the workload's namespace</param>
    private void Inject(Resource workload, WorkloadKind kind, JsonObject template, IReadOnlyDictionary<string, string> nsAnnotations, List<Finding> findings)
    {
        var podAnnotations = template.At("metadata", "annotations").StringMap();
        var rules = new List<InjectRule>();
        foreach (var rule in config.Inject)
        {
            if (Matches(rule, workload, kind))
                rules.Add(rule);
        }
        WarnMisplaced(workload, findings);
        var languages = Requested(podAnnotations, nsAnnotations) || rules.Count > 0;
        var others = new List<IPodMutator>();
        foreach (var mutator in mutators ?? [])
        {
            if (mutator.Wants(podAnnotations, nsAnnotations))
                others.Add(mutator);
        }
        if (!languages && others.Count == 0)
            return;
        var annotations = WithRules(podAnnotations, rules);
        var pod = new PodContext(workload, kind, template, annotations, nsAnnotations);
        var field = kind.TemplateField;
        if (workload.Namespace is null && languages)
            findings.Add(Finding.Warning("not set: namespace-derived attributes are omitted and Instrumentations are looked up among those without a namespace", workload, "metadata.namespace"));
        if (ShapeProblem(pod, field) is { } problem)
        {
            findings.Add(Finding.Error(problem.Message, workload, problem.Field));
            return;
        }
        foreach (var mutator in others)
            mutator.Mutate(pod, findings);
        if (languages)
            Languages(pod, rules, field, findings);
        WriteRecord(pod);
    }

    private void Languages(PodContext pod, List<InjectRule> rules, string field, List<Finding> findings)
    {
        var workload = pod.Workload;
        if (AlreadyInstrumented(pod))
        {
            findings.Add(Finding.Info("already carries OpenTelemetry instrumentation krm-otel did not add (an agent init container, the Go sidecar or OTEL_RESOURCE_ATTRIBUTES_NODE_NAME): left as it is, as the operator would", workload));
            return;
        }
        var requests = Select(pod, rules, field, findings);
        if (requests is null || requests.Count == 0)
            return;
        if (!ValidLists(pod, requests, findings) || !KnownContainers(pod, requests, findings))
            return;
        foreach (var request in requests)
            InjectorOf(request.Language).Inject(request, pod, config, findings);
    }

    private static IInjector InjectorOf(Language language)
    {
        foreach (var injector in Injectors)
        {
            if (injector.Language == language)
                return injector;
        }
        throw new InvalidOperationException($"no injector for {language.Name}");
    }

    private static void WriteRecord(PodContext pod)
    {
        var workload = pod.Workload;
        if (!pod.Record.IsEmpty)
        {
            var metadata = (JsonObject)workload.Node["metadata"]!;
            pod.Record.Annotations = metadata["annotations"] is JsonObject ? AnnotationsBefore.Map
                : metadata.HoldsNull("annotations") ? AnnotationsBefore.Null : AnnotationsBefore.Absent;
            var json = pod.Record.ToJson();
            workload.Apply(workload.Node.At("metadata", "annotations") is JsonObject
                ? PatchOp.Add(JsonPointer.Of("metadata", "annotations", InjectionRecord.Annotation), json)
                : PatchOp.Add("/metadata/annotations", new JsonObject { [InjectionRecord.Annotation] = json }));
        }
    }

    /// <summary>The languages this pod asks for, resolved; null when an error aborts the pod (as the webhook does).</summary>
    private List<LanguageRequest>? Select(PodContext pod, List<InjectRule> rules, string field, List<Finding> findings)
    {
        var requests = new List<LanguageRequest>();
        var failed = false;
        // the languages whose inject annotation the pod or its namespace has: only those are looked up below
        var named = 0;
        foreach (var key in pod.Annotations.Keys)
            failed |= UnknownLanguage(pod, key, field, findings, ref named);
        foreach (var key in pod.NamespaceAnnotations.Keys)
            failed |= !pod.Annotations.ContainsKey(key) && UnknownLanguage(pod, key, field, findings, ref named);
        // the operator's Nginx list carries the inject- prefix; the name every other language's pattern suggests is never read
        const string nginxLookalike = PodAnnotations.Prefix + "nginx-container-names";
        if (pod.Annotations.ContainsKey(nginxLookalike) || pod.NamespaceAnnotations.ContainsKey(nginxLookalike))
            findings.Add(Finding.Warning($"ignored, as the operator ignores it: the Nginx container list is {Language.Nginx.ContainerNamesKey}", pod.Workload, Field(field, nginxLookalike)));
        var common = pod.Effective(PodAnnotations.ContainerNames);
        if (common.Length > 0 && !ContainerNamesSyntax().IsMatch(common))
        {
            findings.Add(Finding.Error($"\"{common}\" is not a comma-separated list of container names", pod.Workload, Field(field, PodAnnotations.ContainerNames)));
            failed = true;
        }
        for (var l = 0; l < Language.All.Length; l++)
        {
            var language = Language.All[l];
            if ((named & (1 << l)) == 0)
                continue; // neither map has its annotation: Effective is ""
            var value = pod.Effective(language.InjectAnnotation);
            if (value.Length == 0 || value.Equals("false", StringComparison.OrdinalIgnoreCase))
                continue;
            var rule = RuleFor(rules, language);
            var byRule = rule is not null && !HasOwn(pod, language);
            var (at, via) = byRule ? (null, rule!.Via) : (Field(field, language.InjectAnnotation), "");
            if (!value.Equals("true", StringComparison.OrdinalIgnoreCase) && !IsReference(value))
            {
                findings.Add(Finding.Error($"{via}\"{value}\" is not \"true\", \"false\", an Instrumentation name or namespace/name", pod.Workload, at));
                failed = true;
                continue;
            }
            var (inst, error) = index.Resolve(value, pod.Namespace);
            if (inst is null)
            {
                findings.Add(Finding.Error(via + error, pod.Workload, at));
                failed = true;
                continue;
            }
            if (language == Language.Go && !Gate(pod, at, via, findings))
            {
                failed = true;
                continue;
            }
            var specific = pod.Effective(language.ContainerNamesKey);
            if (specific.Length > 0 && !ContainerNamesSyntax().IsMatch(specific))
            {
                findings.Add(Finding.Error($"\"{specific}\" is not a comma-separated list of container names", pod.Workload, Field(field, language.ContainerNamesKey)));
                failed = true;
                continue;
            }
            List<string> containers = common.Length == 0 && specific.Length == 0 ? [] : [.. Split(common), .. Split(specific)];
            requests.Add(new LanguageRequest(language, inst, containers, at, via));
        }
        return failed ? null : requests;
    }

    private static InjectRule? RuleFor(List<InjectRule> rules, Language language)
    {
        foreach (var rule in rules)
        {
            if (rule.Language == language.Name)
                return rule;
        }
        return null;
    }

    // an inject annotation of no language is an error; one of a language marks it in named (bit i: Language.All[i])
    private static bool UnknownLanguage(PodContext pod, string key, string field, List<Finding> findings, ref int named)
    {
        if (!key.StartsWith(PodAnnotations.Prefix + "inject-", StringComparison.Ordinal) || key.EndsWith("-container-names", StringComparison.Ordinal))
            return false;
        for (var l = 0; l < Language.All.Length; l++)
        {
            if (Language.All[l].InjectAnnotation != key)
                continue;
            named |= 1 << l;
            return false;
        }
        findings.Add(Finding.Error($"unknown language \"{key[(PodAnnotations.Prefix.Length + "inject-".Length)..]}\" (known: {string.Join(", ", Language.All.Select(l => l.Name))})", pod.Workload, Field(field, key)));
        return true;
    }

    private bool Gate(PodContext pod, string? at, string via, List<Finding> findings)
    {
        if (!config.EnableGoInstrumentation)
        {
            findings.Add(Finding.Error($"{via}the Go agent runs as a privileged eBPF sidecar (root, privileged: true); set spec.enableGoInstrumentation: true in the KrmOtel config to allow it", pod.Workload, at));
            return false;
        }
        if (config.PodSecurity != PodSecurityLevel.Privileged)
        {
            findings.Add(Finding.Error($"{via}podSecurity {config.PodSecurity.ToString().ToLowerInvariant()} forbids the Go agent, which needs a privileged container running as root", pod.Workload, at));
            return false;
        }
        return true;
    }

    // The webhook only ever sees pods the API server validated; in Git a template can be anything. Refused where it
    // matters: inject annotations that are not strings, or no pod spec to read although injection is asked for.
    private (string Message, string Field)? Unreadable(Resource workload, WorkloadKind kind, JsonObject? template, IReadOnlyDictionary<string, string> ns)
    {
        var field = kind.TemplateField;
        var annotations = template.At("metadata", "annotations");
        bool Asked() => Requested(annotations.StringMap(), ns) || config.Inject.Any(r => Matches(r, workload, kind));
        // annotations that are no map are refused where an injection is asked for, or where they name an operator
        // annotation (`annotations: [instrumentation.opentelemetry.io/inject-java]`); else they pass through untouched
        if (annotations is not null and not JsonObject)
        {
            var text = annotations.ToJsonString();
            return Asked() || text.Contains(PodAnnotations.Prefix, StringComparison.Ordinal) || text.Contains(PodAnnotations.SidecarPrefix, StringComparison.Ordinal)
                ? ($"must be a map of strings, not {Config.SchemaChecker.Show(annotations)}", field + "metadata.annotations")
                : null;
        }
        if (PodAnnotations.NotAString(annotations) is { } bad)
            return (bad.Message, Field(field, bad.Key));
        if (template?["spec"] is JsonObject || !Asked())
            return null;
        return template is null
            ? ("injection is asked for, but there is no pod template object here", field.TrimEnd('.'))
            : ($"injection is asked for, but the pod spec is {Config.SchemaChecker.Show(template["spec"])}, not an object", field + "spec");
    }

    private static (string Message, string Field)? ShapeProblem(PodContext pod, string prefix)
    {
        foreach (var key in ContainerLists)
        {
            var list = pod.Spec[key];
            string At() => prefix + "spec." + key;
            if (list is null && key == "initContainers")
                continue;
            if (list is not JsonArray array || (key == "containers" && array.Count == 0))
                return ($"must be a non-empty list of containers, not {Config.SchemaChecker.Show(list)}", At());
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsonObject c)
                    return ($"must be a container object with a name, not {Config.SchemaChecker.Show(array[i])}", $"{At()}[{i}]");
                if (c["name"].AsString() is not { Length: > 0 })
                    return ($"a container needs a name (a non-empty string), not {Config.SchemaChecker.Show(c["name"])}", $"{At()}[{i}].name");
                if (c["env"] is { } env && (env is not JsonArray envs || !AllNamed(envs)))
                    return ("must be a list of env vars, each an object with a name", $"{At()}[{i}].env");
                if (c["volumeMounts"] is { } mounts && mounts is not JsonArray)
                    return ($"must be a list of volume mounts, not {Config.SchemaChecker.Show(mounts)}", $"{At()}[{i}].volumeMounts");
            }
        }
        if (pod.Spec["volumes"] is { } volumes && volumes is not JsonArray)
            return ($"must be a list of volumes, not {Config.SchemaChecker.Show(volumes)}", $"{prefix}spec.volumes");
        return null;
    }

    private static readonly string[] ContainerLists = ["containers", "initContainers"];

    // every entry an object with a string name (walked by index: a list's enumerator is boxed)
    private static bool AllNamed(JsonArray entries)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonObject o || o["name"].AsString() is null)
                return false;
        }
        return true;
    }

    // areInstrumentedContainersCorrect (§4.2): the operator leaves the pod unchanged and logs at debug level.
    private static bool ValidLists(PodContext pod, List<LanguageRequest> requests, List<Finding> findings)
    {
        if (requests.Count > 1 && requests.Any(r => r.Containers.Count == 0))
        {
            findings.Add(Finding.Warning($"not instrumented: several languages ({string.Join(", ", requests.Select(r => r.Language.Name))}) need container names for each ({PodAnnotations.ContainerNames} or <language>-container-names)", pod.Workload));
            return false;
        }
        foreach (var r in requests)
        {
            if (!HasDuplicates(r.Containers))
                continue;
            findings.Add(Finding.Warning($"not instrumented: duplicated container names for {r.Language.Name}: {string.Join(",", r.Containers)}", pod.Workload));
            return false;
        }
        return true;
    }

    // a list of a few names is searched, a long one (an annotation can hold thousands) hashed
    private static bool HasDuplicates(IReadOnlyList<string> names)
    {
        if (names.Count > 16)
            return new HashSet<string>(names, StringComparer.Ordinal).Count != names.Count;
        for (var i = 1; i < names.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (names[i] == names[j])
                    return true;
            }
        }
        return false;
    }

    // the operator ignores names that match no container (and Go falls back to the first one): an error here
    private static bool KnownContainers(PodContext pod, List<LanguageRequest> requests, List<Finding> findings)
    {
        var ok = true;
        foreach (var r in requests)
        {
            foreach (var name in r.Containers)
            {
                if (EnvList.Find(pod.Containers, name) is not null || EnvList.Find(pod.InitContainers, name) is not null)
                    continue;
                var names = pod.Containers.Concat(pod.InitContainers).OfType<JsonObject>().Select(EnvList.Name).ToHashSet(StringComparer.Ordinal);
                findings.Add(Finding.Error($"{r.Via}no container named \"{name}\" for {r.Language.Name} (the pod has {string.Join(", ", names.Order(StringComparer.Ordinal))}); check {PodAnnotations.ContainerNames} and {r.Language.ContainerNamesKey}", pod.Workload, r.Field));
                ok = false;
            }
        }
        return ok;
    }

    // isAutoInstrumentationInjected (helper.go, §7)
    private static bool AlreadyInstrumented(PodContext pod)
    {
        var init = pod.InitContainers;
        for (var i = 0; i < init.Count; i++)
        {
            if (init[i] is JsonObject o && Array.IndexOf(AlreadyInjectedInit, EnvList.Name(o)) >= 0)
                return true;
        }
        var containers = pod.Containers;
        for (var i = 0; i < containers.Count; i++)
        {
            if (containers[i] is not JsonObject o)
                continue;
            var name = EnvList.Name(o);
            if (name == GoInjector.SidecarName || (name != "otc-container" && EnvList.Find(o["env"] as JsonArray, SdkConfig.NodeNameVar) is not null))
                return true;
        }
        return false;
    }

    private static bool Requested(IReadOnlyDictionary<string, string> pod, IReadOnlyDictionary<string, string> ns) =>
        pod.Keys.Concat(ns.Keys).Any(k => k.StartsWith(PodAnnotations.Prefix + "inject-", StringComparison.Ordinal));

    private static bool HasOwn(PodContext pod, Language language) =>
        pod.Template.At("metadata", "annotations", language.InjectAnnotation).AsString() is not null
        || pod.NamespaceAnnotations.ContainsKey(language.InjectAnnotation);

    /// <summary>A rule acts as the annotations it stands for; the workload's own annotations win.</summary>
    private static Dictionary<string, string> WithRules(IReadOnlyDictionary<string, string> pod, List<InjectRule> rules)
    {
        var result = new Dictionary<string, string>(pod, StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var language = Language.Find(rule.Language)!;
            result.TryAdd(language.InjectAnnotation, rule.Instrumentation ?? "true");
            if (rule.ContainerNames.Count > 0)
                result.TryAdd(language.ContainerNamesKey, string.Join(",", rule.ContainerNames));
            if (rule.GoTargetExe is { } exe)
                result.TryAdd(PodAnnotations.GoTargetExe, exe);
        }
        return result;
    }

    private static bool Matches(InjectRule rule, Resource workload, WorkloadKind kind)
    {
        var s = rule.Selector;
        if (s.Kinds.Count > 0 && !s.Kinds.Contains(kind.Kind))
            return false;
        if (s.Namespaces.Count > 0 && !s.Namespaces.Contains(workload.Namespace ?? ""))
            return false;
        if (s.Names.Count > 0 && !s.Names.Contains(workload.Name))
            return false;
        return s.Labels is null || LabelSelectorMatcher.Matches(s.Labels, workload.Node.At("metadata", "labels").StringMap());
    }

    private static void WarnMisplaced(Resource workload, List<Finding> findings)
    {
        if (workload.Kind == "Pod")
            return;
        if (workload.Node.At("metadata", "annotations") is not JsonObject own)
            return;
        foreach (var (key, value) in own)
        {
            if (value.AsString() is not null && key.StartsWith(PodAnnotations.Prefix, StringComparison.Ordinal))
                findings.Add(Finding.Warning("ignored on the workload's own metadata (the operator reads pod annotations only, issue #3230): move it to the pod template's metadata.annotations", workload, Field("", key)));
        }
    }

    // every pod of a rule names the same Instrumentation: each thread keeps its last answer
    [ThreadStatic]
    private static (string? Value, bool IsReference) lastReference;

    private static bool IsReference(string value)
    {
        if (lastReference.Value == value)
            return lastReference.IsReference;
        var parts = value.Split('/');
        var ok = parts.Length <= 2 && parts.All(p => p.Length <= 253 && DnsName().IsMatch(p));
        lastReference = (value, ok);
        return ok;
    }

    private static IEnumerable<string> Split(string list) => list.Length == 0 ? [] : list.Split(',').Where(n => n.Length > 0);

    // keys with dots are bracketed, so the path reads unambiguously: spec.template.metadata.annotations[a.b/c]
    private static string Field(string prefix, string annotation) => $"{prefix}metadata.annotations[{annotation}]";
}
