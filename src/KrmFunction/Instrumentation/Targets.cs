using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Patching;

namespace KrmOtel.Instrumentation;

/// <summary>A container of the pod a language instruments, located afresh each time (earlier edits move indices).</summary>
public sealed record Target(string Name, bool IsInit)
{
    public string List => IsInit ? "initContainers" : "containers";

    public (JsonObject Node, string Pointer) Locate(PodContext pod)
    {
        var list = (JsonArray)pod.Spec[List]!;
        var index = list.Select((c, i) => (c, i)).First(p => EnvList.Name((JsonObject)p.c!) == Name).i;
        return ((JsonObject)list[index]!, JsonPointer.Append(pod.SpecPointer, List, index));
    }

    /// <summary>
    /// containersToInstrument (sdk.go): the listed names found in the pod (the first container when none are
    /// listed), init containers first in their pod order, then regular containers in list order.
    /// </summary>
    public static List<Target> Of(PodContext pod, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            names = [EnvList.Name((JsonObject)pod.Containers[0]!)];
        var inits = pod.InitContainers.OfType<JsonObject>().Select(EnvList.Name).ToList();
        var regular = pod.Containers.OfType<JsonObject>().Select(EnvList.Name).ToHashSet(StringComparer.Ordinal);
        var initTargets = names.Where(n => !regular.Contains(n) && inits.Contains(n)).Distinct().OrderBy(inits.IndexOf).Select(n => new Target(n, true));
        var regularTargets = names.Where(regular.Contains).Select(n => new Target(n, false));
        return [.. initTargets, .. regularTargets];
    }
}
