using System.Text.Json.Nodes;
using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>
/// Where each workload kind keeps its pod template (spec/instrumentation.md §9) and which owner attribute its pods
/// get (§6.7, render-time column).
/// </summary>
public sealed record WorkloadKind(string Group, string Kind, string TemplatePointer, string? OwnerAttribute)
{
    public static readonly IReadOnlyList<WorkloadKind> All =
    [
        new("apps", "Deployment", "/spec/template", "k8s.deployment.name"),
        new("apps", "StatefulSet", "/spec/template", "k8s.statefulset.name"),
        new("apps", "DaemonSet", "/spec/template", "k8s.daemonset.name"),
        new("apps", "ReplicaSet", "/spec/template", "k8s.replicaset.name"),
        new("batch", "Job", "/spec/template", "k8s.job.name"),
        new("batch", "CronJob", "/spec/jobTemplate/spec/template", "k8s.cronjob.name"),
        new("", "Pod", "", null),
        new("", "ReplicationController", "/spec/template", null),
        new("argoproj.io", "Rollout", "/spec/template", null),
    ];

    public static WorkloadKind? Of(Resource r)
    {
        foreach (var w in All)
        {
            if (r.Is(w.Group, w.Kind))
                return w;
        }
        return null;
    }

    // read for every workload of a render: split once
    private readonly string[] templatePath = Patching.JsonPointer.Parse(TemplatePointer);

    /// <summary>The pointer of the pod spec.</summary>
    public string SpecPointer { get; } = TemplatePointer + "/spec";

    /// <summary>The field path of the pod template with a trailing dot ("" for a Pod).</summary>
    public string TemplateField { get; } = TemplatePointer.Length == 0 ? "" : TemplatePointer.TrimStart('/').Replace('/', '.') + ".";

    /// <summary>The pod template (or the Pod itself), or null when the object has none.</summary>
    public JsonObject? Template(JsonObject root) => root.At(templatePath) as JsonObject;
}
