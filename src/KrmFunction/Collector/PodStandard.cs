using System.Text.Json.Nodes;
using k8s.Models;
using KrmOtel.Config;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>
/// The function config's <c>podSecurity</c> for a collector's pod, which krm-otel generates whole (the Pod Security
/// Standards, kubernetes.io/docs/concepts/security/pod-security-standards). baseline refuses what the CR sets against
/// it: host namespaces, host ports, hostPath volumes, privileged containers, capabilities beyond the baseline set,
/// an unconfined seccomp profile, a non-default /proc mount. restricted refuses those and the rest of that level's
/// checks, and sets in every container what the CR leaves unset: no privilege escalation, every capability dropped,
/// non-root, the RuntimeDefault seccomp profile. Not checked: AppArmor, SELinux and sysctls, which the CR cannot set
/// for the collector's containers except through podSecurityContext.
/// </summary>
public static class PodStandard
{
    /// <summary>Hardens <paramref name="pod"/> for <paramref name="level"/>; what it cannot allow, with the CR field that sets it.</summary>
    public static List<(string Message, string Field)> Apply(V1PodSpec pod, PodSecurityLevel level)
    {
        var (refusals, refuse) = Refusals(level);
        if (level == PodSecurityLevel.Privileged)
            return refusals;
        if (pod.HostNetwork == true)
            refuse("the host network", "spec.hostNetwork");
        if (pod.HostPID == true)
            refuse("the host PID namespace", "spec.hostPID");
        if (pod.HostIPC == true)
            refuse("the host IPC namespace", "spec.hostIPC");
        var podContext = pod.SecurityContext;
        if (podContext?.SeccompProfile?.Type == "Unconfined")
            refuse("an Unconfined seccomp profile", "spec.podSecurityContext.seccompProfile.type");
        if (level == PodSecurityLevel.Restricted && podContext?.RunAsNonRoot == false)
            refuse("runAsNonRoot: false", "spec.podSecurityContext.runAsNonRoot");
        if (level == PodSecurityLevel.Restricted && podContext?.RunAsUser == 0)
            refuse("running as root (runAsUser: 0)", "spec.podSecurityContext.runAsUser");
        // the first volume is the collector's config, then the CR's volumes, then its configmaps
        for (var i = 1; i < (pod.Volumes?.Count ?? 0); i++)
        {
            if (VolumeProblem(pod.Volumes![i], level) is { } kind)
                refuse($"{kind} volumes (volume \"{pod.Volumes[i].Name}\")", $"spec.volumes[{i - 1}]");
        }
        var containers = pod.Containers ?? [];
        for (var i = 0; i < containers.Count; i++)
            Container(containers[i], podContext, level, i == 0 ? "spec" : $"spec.additionalContainers[{i - 1}]", refuse);
        for (var i = 0; i < (pod.InitContainers?.Count ?? 0); i++)
            Container(pod.InitContainers![i], podContext, level, $"spec.initContainers[{i}]", refuse);
        return refusals;
    }

    /// <summary>
    /// The same for what the collector sidecar adds to a pod krm-otel does not own: its container, and the CR's
    /// volumes (<paramref name="volumes"/>, spec.volumes), of which a hostPath is refused.
    /// </summary>
    public static List<(string Message, string Field)> Apply(V1Container container, JsonArray? volumes, PodSecurityLevel level)
    {
        var (refusals, refuse) = Refusals(level);
        if (level == PodSecurityLevel.Privileged)
            return refusals;
        Container(container, null, level, "spec", refuse);
        for (var i = 0; i < (volumes?.Count ?? 0); i++)
        {
            if (volumes![i] is JsonObject v && v.ContainsKey("hostPath"))
                refuse($"hostPath volumes (volume \"{v["name"].AsString()}\")", $"spec.volumes[{i}]");
        }
        return refusals;
    }

    // the list of refusals, and how one is added to it: "podSecurity <level> forbids <what>", with the CR field
    private static (List<(string Message, string Field)>, Action<string, string>) Refusals(PodSecurityLevel level)
    {
        var refusals = new List<(string, string)>();
        var name = level.ToString().ToLowerInvariant();
        return (refusals, (what, field) => refusals.Add(($"podSecurity {name} forbids {what}", field)));
    }

    // field: the CR object the container comes from ("spec" for the otc-container, whose fields sit on spec itself)
    private static void Container(V1Container c, V1PodSecurityContext? pod, PodSecurityLevel level, string field, Action<string, string> refuse)
    {
        var at = field + ".securityContext";
        var sc = c.SecurityContext;
        if (sc?.Privileged == true)
            refuse($"privileged containers (container \"{c.Name}\")", at + ".privileged");
        string[] allowed = level == PodSecurityLevel.Restricted ? ["NET_BIND_SERVICE"] : Instrumentation.PodSecurity.BaselineCapabilities;
        if (sc?.Capabilities?.Add?.FirstOrDefault(a => !allowed.Contains(a)) is { } cap)
            refuse($"adding the capability {cap} (container \"{c.Name}\")", at + ".capabilities.add");
        if (sc?.SeccompProfile?.Type == "Unconfined")
            refuse($"an Unconfined seccomp profile (container \"{c.Name}\")", at + ".seccompProfile.type");
        if (sc?.ProcMount is { } proc && proc != "Default")
            refuse($"the {proc} /proc mount (container \"{c.Name}\")", at + ".procMount");
        if (sc?.WindowsOptions?.HostProcess == true)
            refuse($"Windows host processes (container \"{c.Name}\")", at + ".windowsOptions.hostProcess");
        if (c.Ports?.FirstOrDefault(p => p.HostPort is > 0) is { } port)
            refuse($"host ports (container \"{c.Name}\", hostPort {port.HostPort})", field + ".ports");
        if (level != PodSecurityLevel.Restricted)
            return;
        sc = c.SecurityContext ??= new V1SecurityContext();
        if (sc.AllowPrivilegeEscalation == true)
            refuse($"privilege escalation (container \"{c.Name}\")", at + ".allowPrivilegeEscalation");
        sc.AllowPrivilegeEscalation = false;
        sc.Capabilities ??= new V1Capabilities();
        if (sc.Capabilities.Drop?.Contains("ALL") != true)
            sc.Capabilities.Drop = [.. sc.Capabilities.Drop ?? [], "ALL"];
        if (sc.RunAsNonRoot == false)
            refuse($"runAsNonRoot: false (container \"{c.Name}\")", at + ".runAsNonRoot");
        if (sc.RunAsUser == 0)
            refuse($"running as root (container \"{c.Name}\", runAsUser: 0)", at + ".runAsUser");
        if (sc.RunAsNonRoot is null && pod?.RunAsNonRoot != true)
            sc.RunAsNonRoot = true;
        if (sc.SeccompProfile is null && pod?.SeccompProfile?.Type is not ("RuntimeDefault" or "Localhost"))
            sc.SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" };
    }

    private static string? VolumeProblem(V1Volume v, PodSecurityLevel level)
    {
        if (v.HostPath is not null)
            return "hostPath";
        if (level != PodSecurityLevel.Restricted || v.ConfigMap is not null || v.Csi is not null || v.DownwardAPI is not null || v.EmptyDir is not null
            || v.Ephemeral is not null || v.PersistentVolumeClaim is not null || v.Projected is not null || v.Secret is not null)
            return null;
        return "these (neither configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected nor secret)";
    }
}
