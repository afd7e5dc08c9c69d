using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>
/// Another of the webhook's pod mutators, run before the languages as the operator runs the sidecar mutator first
/// (internal/operator/webhooks.go). Its changes go through the <see cref="PodContext"/>, so they land in the same
/// record and a re-render takes them out and puts them back with the instrumentation's.
/// </summary>
public interface IPodMutator
{
    /// <summary>True when the pod's or its namespace's annotations ask this mutator for anything.</summary>
    bool Wants(IReadOnlyDictionary<string, string> podAnnotations, IReadOnlyDictionary<string, string> namespaceAnnotations);

    void Mutate(PodContext pod, List<Finding> findings);
}
