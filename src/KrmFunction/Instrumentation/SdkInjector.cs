using System.Text.Json.Nodes;
using k8s.Models;
using KrmOtel.Config;
using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>SDK only (sdk.go injectSdk; spec §5.8): the common OTEL environment, no agent, no volume, no init container.</summary>
public sealed class SdkInjector : IInjector
{
    public Language Language => Language.Sdk;

    public void Inject(LanguageRequest request, PodContext pod, KrmOtelConfig config, List<Finding> findings)
    {
        var targets = Target.Of(pod, request.Containers);
        foreach (var target in targets)
        {
            var (container, pointer) = target.Locate(pod);
            var env = new EnvList(container["env"] as JsonArray);
            SdkConfig.CommonEnv(request.Instrumentation, env);
            var mounts = new List<JsonObject>();
            var volumes = new List<V1Volume>();
            SdkConfig.Apply(request.Instrumentation, pod, container, env, env, mounts, volumes);
            AgentInjector.Commit(pod, container, pointer, env, mounts, volumes);
        }
        if (targets.Count > 0)
            findings.Add(Finding.Info($"{request.Via}added the OpenTelemetry SDK environment to {string.Join(", ", targets.Select(t => $"\"{t.Name}\""))} (Instrumentation {request.Instrumentation.Id})", pod.Workload, request.Field));
    }
}
