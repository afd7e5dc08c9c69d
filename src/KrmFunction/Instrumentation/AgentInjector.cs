using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using k8s.Models;
using KrmOtel.Config;
using KrmOtel.Model;
using KrmOtel.Patching;

namespace KrmOtel.Instrumentation;

/// <summary>
/// The shape every init-container agent shares (Java, Node.js, Python, .NET; sdk.go inject&lt;Language&gt;): per
/// target container a container step, the common env, the language defaults and the SDK block; then once per pod
/// the language volume and init container, inserted before the first target when that is an init container.
/// A language supplies only what differs.
/// </summary>
public abstract class AgentInjector : IInjector
{
    public const string VolumePrefix = "opentelemetry-auto-instrumentation-";

    // the init container as its typed model gives it, made once per language section, registry, pull policy and command
    private sealed record InitTemplate(string Registry, string? PullPolicy, string[] Command, JsonObject Container);

    private readonly ConditionalWeakTable<LanguageSpec, InitTemplate> inits = new();

    public abstract Language Language { get; }

    protected string VolumeName => VolumePrefix + Language.Name;

    protected string InitContainerName => VolumePrefix + Language.Name;

    protected string InitMountPath => "/otel-auto-instrumentation-" + Language.Name;

    /// <summary>Variables whose valueFrom makes the operator skip the container (validateContainerEnv).</summary>
    protected abstract string[] GuardedVariables { get; }

    protected virtual string AppMountPath(string container) => InitMountPath;

    protected abstract string[] Command(PodContext pod);

    /// <summary>Why the operator would skip every container of this language (a bad annotation value); an error here.</summary>
    protected virtual string? PodProblem(PodContext pod) => null;

    /// <summary>Why the operator would skip this one container, beyond the guarded variables.</summary>
    protected virtual string? ContainerProblem(EnvList env, LanguageSpec spec) => null;

    /// <summary>The language's own env, before the common env (container step).</summary>
    protected virtual void LanguageEnv(EnvList env, LanguageSpec spec) => env.AppendIfAbsent(spec.Env);

    /// <summary>The language defaults, after the common env.</summary>
    protected abstract void Defaults(EnvList env, LanguageSpec spec, string container, PodContext pod);

    protected virtual IEnumerable<JsonObject> ExtraInitContainers(LanguageSpec spec, InstrumentationSpec inst, KrmOtelConfig config, JsonNode? securityContext) => [];

    public void Inject(LanguageRequest request, PodContext pod, KrmOtelConfig config, List<Finding> findings)
    {
        if (PodProblem(pod) is { } podProblem)
        {
            findings.Add(Finding.Error(request.Via + podProblem, pod.Workload, request.Field));
            return;
        }
        var targets = Target.Of(pod, request.Containers);
        var spec = request.Instrumentation.For(Language);
        var first = targets[0].Locate(pod).Node;
        var (securityContext, forbidden) = PodSecurity.ForInitContainer(config.PodSecurity, request.Instrumentation.InitContainerSecurityContext ?? first["securityContext"]);
        if (forbidden is not null)
        {
            findings.Add(Finding.Error(request.Via + forbidden, pod.Workload, request.Field));
            return;
        }
        var injected = new List<string>();
        foreach (var target in targets)
        {
            if (InjectContainer(request, pod, spec, target, findings))
                injected.Add(target.Name);
        }
        AddToPod(request, pod, spec, config, targets[0], securityContext);
        findings.Add(Finding.Info($"{request.Via}added the {Language.Name} agent ({InitContainerName}) for {Describe(injected)} (Instrumentation {request.Instrumentation.Id})", pod.Workload, request.Field));
    }

    private bool InjectContainer(LanguageRequest request, PodContext pod, LanguageSpec spec, Target target, List<Finding> findings)
    {
        var (container, pointer) = target.Locate(pod);
        var env = new EnvList(container["env"] as JsonArray);
        var skip = GuardedVariables.FirstOrDefault(env.UsesValueFrom) is { } guarded
            ? $"{guarded} is set with valueFrom, which the agent cannot extend (operator issues #3166, #4157); set it as a plain value"
            : ContainerProblem(env, spec);
        if (env.UsesValueFrom(SdkConfig.ResourceAttributesVar))
        {
            // the operator writes a value next to the valueFrom, which the API server rejects
            findings.Add(Finding.Error($"{request.Via}container \"{target.Name}\": {SdkConfig.ResourceAttributesVar} is set with valueFrom; the operator would add a value beside it, which the API server rejects", pod.Workload, request.Field));
            return false;
        }
        if (skip is not null)
        {
            findings.Add(Finding.Warning($"{request.Via}{Language.Name} not injected into container \"{target.Name}\" (the operator skips it too): {skip}", pod.Workload, request.Field));
            return false;
        }
        var mounts = new List<JsonObject>();
        LanguageEnv(env, spec);
        mounts.Add(K8sObjects.Mount(VolumeName, AppMountPath(target.Name)));
        SdkConfig.CommonEnv(request.Instrumentation, env);
        Defaults(env, spec, target.Name, pod);
        var volumes = new List<V1Volume>();
        SdkConfig.Apply(request.Instrumentation, pod, container, env, env, mounts, volumes);
        Commit(pod, container, pointer, env, mounts, volumes);
        return true;
    }

    /// <summary>Writes a container's edits: env entry by entry, mounts appended, TLS volumes once.</summary>
    public static void Commit(PodContext pod, JsonObject container, string pointer, EnvList env, List<JsonObject> mounts, List<V1Volume> volumes)
    {
        var record = pod.Record.Container(EnvList.Name(container));
        env.RecordInto(record);
        if (record.CreatedEnv && container.HoldsNull("env"))
            record.WasNull.Add("env");
        if (mounts.Count > 0 && container.HoldsNull("volumeMounts"))
            record.WasNull.Add("volumeMounts");
        foreach (var op in env.Operations(pointer + "/env"))
            pod.Apply(op);
        foreach (var mount in mounts)
        {
            record.AddedMounts.Add(EnvList.Name(mount));
            record.CreatedMounts |= container["volumeMounts"] is not JsonArray;
            pod.Apply(container["volumeMounts"] is JsonArray
                ? PatchOp.Add(pointer + "/volumeMounts/-", mount)
                : PatchOp.Add(pointer + "/volumeMounts", new JsonArray(mount)));
        }
        foreach (var volume in volumes)
            pod.AddVolumeOnce(volume);
    }

    // injectXxxToPod: the volume and init container(s), once per pod
    private void AddToPod(LanguageRequest request, PodContext pod, LanguageSpec spec, KrmOtelConfig config, Target first, JsonNode? securityContext)
    {
        if (pod.InitContainers.OfType<JsonObject>().Any(c => EnvList.Name(c) == InitContainerName))
            return;
        pod.AddVolumeOnce(LanguageVolume(VolumeName, spec));
        var init = InitContainer(spec, request.Instrumentation, config, Command(pod));
        init["resources"] = spec.Resources.DeepClone();
        if (securityContext is not null)
            init["securityContext"] = securityContext.DeepClone();
        var all = new[] { init }.Concat(ExtraInitContainers(spec, request.Instrumentation, config, securityContext)).ToList();
        var at = first.IsInit ? first.Locate(pod).Pointer : null;
        var index = at is null ? -1 : int.Parse(at[(at.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        foreach (var c in all)
        {
            if (index < 0)
                pod.AppendTo("initContainers", c);
            else
                pod.InsertInto("initContainers", index++, c);
        }
    }

    private JsonObject InitContainer(LanguageSpec spec, InstrumentationSpec inst, KrmOtelConfig config, string[] command)
    {
        if (!inits.TryGetValue(spec, out var known) || known.Registry != config.ImageRegistry || known.PullPolicy != inst.ImagePullPolicy || !known.Command.AsSpan().SequenceEqual(command))
        {
            known = new InitTemplate(config.ImageRegistry, inst.ImagePullPolicy, command, K8sObjects.Container(new V1Container
            {
                Name = InitContainerName,
                Image = ImageReference.WithRegistry(spec.Image, config.ImageRegistry),
                Command = command,
                VolumeMounts = [new V1VolumeMount { Name = VolumeName, MountPath = InitMountPath }],
                ImagePullPolicy = inst.ImagePullPolicy,
            }));
            inits.AddOrUpdate(spec, known);
        }
        return (JsonObject)known.Container.DeepClone();
    }

    /// <summary>
    /// instrVolume (helper.go): the claim template when given, else an emptyDir of volumeLimitSize or 200Mi; both
    /// copied as written (the typed quantity would canonicalise them).
    /// </summary>
    public static JsonObject LanguageVolume(string name, LanguageSpec spec)
    {
        var volume = K8sObjects.Volume(name);
        if (spec.VolumeClaimTemplate is { } claim)
            volume["ephemeral"] = new JsonObject { ["volumeClaimTemplate"] = claim.DeepClone() };
        else
            volume["emptyDir"] = new JsonObject { ["sizeLimit"] = spec.VolumeSizeLimit?.DeepClone() ?? "200Mi" };
        return volume;
    }

    private static string Describe(List<string> containers) =>
        containers.Count == 0 ? "no container (each was skipped)" : "container" + (containers.Count > 1 ? "s " : " ") + string.Join(", ", containers.Select(c => $"\"{c}\""));
}
