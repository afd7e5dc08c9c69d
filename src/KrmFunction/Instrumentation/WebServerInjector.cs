using System.Text.Json.Nodes;
using k8s.Models;
using KrmOtel.Config;
using KrmOtel.Model;
using KrmOtel.Patching;

namespace KrmOtel.Instrumentation;

/// <summary>A web server's names: its attach container and volumes, the attach container's two variables, the module's attribute prefix and the service namespace when the pod has none.</summary>
public sealed record WebServerNames(string AttachName, string ConfVolume, string AgentVolume, string ConfigVar, string InstanceIdVar, string AttributePrefix, string FallbackNamespace);

/// <summary>
/// The shape both web-server agents share (apachehttpd.go, nginx.go; sdk.go injectApacheHttpd, injectNginx; spec §5.6,
/// §5.7): the module reads a config file, not env. Per regular target the language env; for the first target a clone
/// of the app container copies the server's config dir into a volume, the app's first mount over that dir is dropped,
/// the agent and config volumes are mounted, and the attach container writes the module config; then the common env
/// and the SDK block. A server supplies its names and only what differs.
/// </summary>
public abstract class WebServerInjector(WebServerNames names) : IInjector
{
    public const string CloneName = "otel-agent-source-container-clone";
    protected const string AgentDir = "/opt/opentelemetry-webserver/agent";
    protected const string SourceConfDir = "/opt/opentelemetry-webserver/source-conf";
    private const string InstanceIdPlaceholder = "<<SID-PLACEHOLDER>>";

    public abstract Language Language { get; }

    protected WebServerNames Names { get; } = names;

    /// <summary>The value of the two switch attributes.</summary>
    protected virtual string On => "ON";

    /// <summary>Apache re-sets both init containers' security context on every target, so the last one wins.</summary>
    protected virtual bool LastTargetSetsSecurityContext => false;

    /// <summary>The config directory, mounted over in the app and copied by the clone.</summary>
    protected abstract string ConfDir(WebServerSpec server);

    protected abstract V1Container CloneCommand(string confDir);

    protected abstract string[] AttachArgs(WebServerSpec server);

    protected abstract JsonObject ConfVolumeFor(LanguageSpec spec);

    protected abstract JsonObject AgentVolumeFor(LanguageSpec spec);

    /// <summary>The module config from the sorted attributes.</summary>
    protected abstract string ModuleConfig(IEnumerable<KeyValuePair<string, string>> attributes, WebServerSpec server);

    /// <summary>Why the first target cannot take the agent (Nginx: LD_LIBRARY_PATH through valueFrom).</summary>
    protected virtual string? EnvProblem(EnvList env) => null;

    /// <summary>App env edits seen by the clone too (the operator's clone shares the app's env list).</summary>
    protected virtual void SharedEnv(EnvList env)
    {
    }

    /// <summary>App env edits after the clone took its copy.</summary>
    protected virtual void AfterClone(EnvList env)
    {
    }

    public void Inject(LanguageRequest request, PodContext pod, KrmOtelConfig config, List<Finding> findings)
    {
        var targets = new List<Target>();
        foreach (var target in Target.Of(pod, request.Containers))
        {
            if (target.IsInit)
                findings.Add(Finding.Warning($"{request.Via}{Language.Name} not injected into init container \"{target.Name}\" (the operator skips it too): the agent only instruments a regular container", pod.Workload, request.Field));
            else
                targets.Add(target);
        }
        if (targets.Count == 0)
            return;
        if (Problem(request, pod, targets) is { } problem)
        {
            findings.Add(Finding.Error(request.Via + problem, pod.Workload, request.Field));
            return;
        }
        var inst = request.Instrumentation;
        var spec = inst.For(Language);
        var server = spec.Server!;
        var chosen = (LastTargetSetsSecurityContext ? targets[^1] : targets[0]).Locate(pod).Node;
        var (securityContext, forbidden) = PodSecurity.ForInitContainer(config.PodSecurity, inst.InitContainerSecurityContext ?? chosen["securityContext"]);
        if (forbidden is not null)
        {
            findings.Add(Finding.Error(request.Via + forbidden, pod.Workload, request.Field));
            return;
        }
        JsonObject? clone = null, attach = null;
        foreach (var target in targets)
        {
            var (container, pointer) = target.Locate(pod);
            var env = new EnvList(container["env"] as JsonArray);
            // the module config uses the attributes and service name from before any env was added
            var resources = SdkConfig.ResourceMap(inst, pod, target.Name, env);
            env.AppendIfAbsent(spec.Env);
            var mounts = new List<JsonObject>();
            if (clone is null)
            {
                SharedEnv(env);
                clone = Clone(container, env, spec, ConfDir(server), securityContext);
                pod.AppendTo("volumes", ConfVolumeFor(spec));
                DropConfMount(pod, container, pointer, ConfDir(server));
                mounts.Add(K8sObjects.Mount(Names.AgentVolume, AgentDir));
                mounts.Add(K8sObjects.Mount(Names.ConfVolume, ConfDir(server)));
                pod.AppendTo("volumes", AgentVolumeFor(spec));
                attach = Attach(inst, spec, config, ModuleConfig(Attributes(inst, pod, server, resources, target.Name), server), securityContext);
                AfterClone(env);
            }
            else
                findings.Add(Finding.Warning($"{request.Via}container \"{target.Name}\" gets the SDK environment but not the {Language.Name} module: the operator clones and mounts the config of the first target (\"{targets[0].Name}\") only", pod.Workload, request.Field));
            SdkConfig.CommonEnv(inst, env);
            var volumes = new List<V1Volume>();
            SdkConfig.Apply(inst, pod, container, env, env, mounts, volumes);
            AgentInjector.Commit(pod, container, pointer, env, mounts, volumes);
        }
        pod.AppendTo("initContainers", clone!);
        pod.AppendTo("initContainers", attach!);
        findings.Add(Finding.Info($"{request.Via}added the {Language.Name} agent ({CloneName}, {Names.AttachName}) for {string.Join(", ", targets.Select(t => $"\"{t.Name}\""))} (Instrumentation {inst.Id})", pod.Workload, request.Field));
    }

    private string? Problem(LanguageRequest request, PodContext pod, List<Target> targets)
    {
        // Apache's clone is already there: Nginx would skip its own clone and config volume yet mount that volume
        if (pod.InitContainers.OfType<JsonObject>().Any(c => EnvList.Name(c) == CloneName))
            return $"{Language.Name} cannot join another web-server agent in one pod: the operator gives both clones the name {CloneName}, so {Language.Name} would mount a config volume it never adds and the API server would reject the pod";
        foreach (var target in targets)
        {
            var env = new EnvList(target.Locate(pod).Node["env"] as JsonArray);
            if (env.UsesValueFrom(SdkConfig.ResourceAttributesVar))
                return $"container \"{target.Name}\": {SdkConfig.ResourceAttributesVar} is set with valueFrom; the operator would add a value beside it, which the API server rejects";
        }
        var first = new EnvList(targets[0].Locate(pod).Node["env"] as JsonArray);
        first.AppendIfAbsent(request.Instrumentation.For(Language).Env);
        return EnvProblem(first) is { } problem ? $"container \"{targets[0].Name}\": {problem}" : null;
    }

    // the clone: the app's image, env, envFrom and mounts as they are now, nothing else (operator issue #3729)
    private JsonObject Clone(JsonObject app, EnvList env, LanguageSpec spec, string confDir, JsonObject? securityContext)
    {
        var typed = CloneCommand(confDir);
        typed.Name = CloneName;
        typed.Image = app["image"].AsString();
        var clone = K8sObjects.Container(typed);
        if (env.Entries.Count > 0)
            clone["env"] = env.ToJson();
        if (app["envFrom"] is { } envFrom)
            clone["envFrom"] = envFrom.DeepClone();
        var mounts = app["volumeMounts"] is JsonArray own ? own.Select(m => m?.DeepClone()).ToList() : [];
        mounts.Add(K8sObjects.Mount(Names.ConfVolume, SourceConfDir));
        clone["volumeMounts"] = new JsonArray([.. mounts]);
        clone["resources"] = spec.Resources.DeepClone();
        if (securityContext is not null)
            clone["securityContext"] = securityContext.DeepClone();
        if (app["imagePullPolicy"] is { } policy)
            clone["imagePullPolicy"] = policy.DeepClone();
        return clone;
    }

    // the first mount whose path contains the config dir could hide the injected config: the operator drops it
    private static void DropConfMount(PodContext pod, JsonObject container, string pointer, string confDir)
    {
        if (container["volumeMounts"] is not JsonArray mounts)
            return;
        var at = 0;
        while (at < mounts.Count && !(mounts[at]?["mountPath"].AsString() ?? "").Contains(confDir, StringComparison.Ordinal))
            at++;
        if (at == mounts.Count)
            return;
        var record = pod.Record.Container(EnvList.Name(container));
        var mount = (JsonObject)mounts[at]!;
        if (!record.AddedMounts.Contains(EnvList.Name(mount)))
            record.RemovedMounts.Add((at, (JsonObject)mount.DeepClone()));
        pod.Apply(PatchOp.Remove($"{pointer}/volumeMounts/{at}"));
    }

    // initContainerUserEnv: the language env, the common env and the IP variables if absent, then the module's own
    private JsonObject Attach(InstrumentationSpec inst, LanguageSpec spec, KrmOtelConfig config, string moduleConfig, JsonObject? securityContext)
    {
        var env = new EnvList(null);
        foreach (var e in spec.Env)
            env.Append(e);
        env.AppendIfAbsent(inst.Env);
        env.AppendFieldRefIfAbsent("OTEL_POD_IP", "status.podIP");
        env.AppendFieldRefIfAbsent("OTEL_NODE_IP", "status.hostIP");
        env.Append(Names.ConfigVar, moduleConfig);
        env.AppendFieldRef(Names.InstanceIdVar, "metadata.name");
        var attach = K8sObjects.Container(new V1Container
        {
            Name = Names.AttachName,
            Image = ImageReference.WithRegistry(spec.Image, config.ImageRegistry),
            Command = ["/bin/sh", "-c"],
            Args = AttachArgs(spec.Server!),
            ImagePullPolicy = inst.ImagePullPolicy,
        });
        attach["env"] = env.ToJson();
        attach["resources"] = spec.Resources.DeepClone();
        attach["volumeMounts"] = new JsonArray(K8sObjects.Mount(Names.AgentVolume, AgentDir), K8sObjects.Mount(Names.ConfVolume, SourceConfDir));
        if (securityContext is not null)
            attach["securityContext"] = securityContext.DeepClone();
        return attach;
    }

    // the module's attributes, sorted by key; the Instrumentation's attrs add or override by name
    private IEnumerable<KeyValuePair<string, string>> Attributes(InstrumentationSpec inst, PodContext pod, WebServerSpec server, Dictionary<string, string> resources, string container)
    {
        var serviceNamespace = pod.Namespace.Length > 0 ? pod.Namespace
            : resources.GetValueOrDefault("k8s.namespace.name", "") is { Length: > 0 } ns ? ns
            : Names.FallbackNamespace;
        var p = Names.AttributePrefix;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [p + "Enabled"] = "ON",
            [p + "OtelSpanExporter"] = "otlp",
            [p + "OtelExporterEndpoint"] = inst.Endpoint.Length > 0 ? inst.Endpoint : "http://localhost:4317/",
            [p + "ServiceName"] = SdkConfig.ServiceName(inst, pod, resources, container),
            [p + "ServiceNamespace"] = serviceNamespace,
            [p + "ServiceInstanceId"] = InstanceIdPlaceholder,
            [p + "ResolveBackends"] = On,
            [p + "TraceAsError"] = On,
        };
        foreach (var (name, value) in server.Attrs)
            attributes[name] = value;
        return attributes.OrderBy(a => a.Key, StringComparer.Ordinal);
    }

    /// <summary>instrVolume (helper.go), shared with the init-container agents.</summary>
    protected static JsonObject SizedVolume(string name, LanguageSpec spec, bool claimAllowed) =>
        AgentInjector.LanguageVolume(name, claimAllowed ? spec : spec with { VolumeClaimTemplate = null });

    protected static JsonObject EmptyVolume(string name) => new() { ["name"] = name, ["emptyDir"] = new JsonObject() };
}
