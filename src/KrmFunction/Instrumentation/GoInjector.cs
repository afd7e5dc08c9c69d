using System.Text.Json.Nodes;
using k8s.Models;
using KrmOtel.Config;
using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>
/// The Go eBPF agent (golang.go injectGoSDK, sdk.go injectGo; spec §5.5): a privileged sidecar sharing the pod's
/// process namespace. The application container is left exactly as it is.
/// </summary>
public sealed class GoInjector : IInjector
{
    public const string SidecarName = "opentelemetry-auto-instrumentation";
    public const string TargetExeVar = "OTEL_GO_AUTO_TARGET_EXE";
    private const string KernelDebug = "kernel-debug";
    private const string KernelDebugPath = "/sys/kernel/debug";

    public Language Language => Language.Go;

    public void Inject(LanguageRequest request, PodContext pod, KrmOtelConfig config, List<Finding> findings)
    {
        var containerName = request.Containers.Count > 0 ? request.Containers[0] : EnvList.Name((JsonObject)pod.Containers[0]!);
        if (EnvList.Find(pod.InitContainers, containerName) is not null)
        {
            Skip(findings, pod, request, $"container \"{containerName}\" is an init container; the Go agent can only follow a regular container");
            return;
        }
        if (pod.Spec["shareProcessNamespace"] is JsonValue share && share.TryGetValue<bool>(out var shared) && !shared)
        {
            Skip(findings, pod, request, "spec.shareProcessNamespace is false; the Go agent needs the process namespace shared");
            return;
        }
        if (pod.Annotations.TryGetValue(Language.ContainerNamesKey, out var names) && names.Split(',').Length > 1)
        {
            Skip(findings, pod, request, $"{Language.ContainerNamesKey} lists more than one container; the Go agent instruments exactly one");
            return;
        }
        var app = EnvList.Find(pod.Containers, containerName) ?? (JsonObject)pod.Containers[0]!;
        var go = request.Instrumentation.For(Language);

        var env = new EnvList(null);
        if (pod.Annotations.TryGetValue(PodAnnotations.GoTargetExe, out var exe))
            env.Append(TargetExeVar, exe);
        env.AppendIfAbsent(go.Env);
        SdkConfig.CommonEnv(request.Instrumentation, env);
        var mounts = new List<JsonObject> { K8sObjects.Mount(KernelDebug, KernelDebugPath) };
        var volumes = new List<V1Volume>();
        SdkConfig.Apply(request.Instrumentation, pod, app, EnvList.View(app["env"] as JsonArray), env, mounts, volumes);
        if (!env.Has(TargetExeVar))
        {
            Skip(findings, pod, request, $"no {TargetExeVar}: set the {PodAnnotations.GoTargetExe} annotation (or goTargetExe in an inject rule) to the path of the Go binary, or {TargetExeVar} in the Instrumentation's go.env");
            return;
        }

        pod.SetSpecField("shareProcessNamespace", JsonValue.Create(true));
        pod.AddVolumeOnce(K8sObjects.HostPathVolume(KernelDebug, KernelDebugPath));
        foreach (var volume in volumes)
            pod.AddVolumeOnce(volume);
        pod.AppendTo("containers", Sidecar(request.Instrumentation, go, config, env, mounts));
        findings.Add(Finding.Info($"{request.Via}added the Go agent sidecar {SidecarName} for container \"{EnvList.Name(app)}\" (Instrumentation {request.Instrumentation.Id})", pod.Workload, request.Field));
    }

    private static JsonObject Sidecar(InstrumentationSpec inst, LanguageSpec go, KrmOtelConfig config, EnvList env, List<JsonObject> mounts)
    {
        var sidecar = new JsonObject { ["name"] = SidecarName, ["image"] = ImageReference.WithRegistry(go.Image, config.ImageRegistry) };
        if (inst.ImagePullPolicy is { } policy)
            sidecar["imagePullPolicy"] = policy;
        sidecar["env"] = env.TakeJson();
        sidecar["resources"] = go.Resources.DeepClone();
        var volumeMounts = new JsonArray();
        foreach (var mount in mounts)
            volumeMounts.Add((JsonNode)mount);
        sidecar["volumeMounts"] = volumeMounts;
        sidecar["securityContext"] = go.SecurityContext?.DeepClone() ?? K8sObjects.PrivilegedRoot();
        return sidecar;
    }

    private static void Skip(List<Finding> findings, PodContext pod, LanguageRequest request, string why) =>
        findings.Add(Finding.Warning($"{request.Via}Go instrumentation not applied: {why}", pod.Workload, request.Field));
}
