using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Patching;

namespace KrmOtel.Instrumentation;

/// <summary>
/// Takes out of a pod exactly what an <see cref="InjectionRecord"/> says krm-otel put in, as RFC 6902 operations:
/// the added entries (the last ones of each recorded name), the user's original values and positions, lists and
/// fields krm-otel created (back to null where the user had written null), the record itself.
/// </summary>
public static class Stripper
{
    private static readonly string[] PodLists = ["initContainers", "containers", "volumes"];

    public static void Strip(PodContext pod, InjectionRecord record)
    {
        foreach (var (name, edits) in record.Containers)
        {
            foreach (var list in new[] { "initContainers", "containers" })
            {
                if (pod.Spec[list] is JsonArray containers && IndexOf(containers, name) is var i and >= 0)
                    StripContainer(pod, JsonPointer.Append(pod.SpecPointer, list, i), (JsonObject)containers[i]!, edits);
            }
        }
        foreach (var list in PodLists)
        {
            if (record.Added.TryGetValue(list, out var names))
                RemoveAdded(pod, JsonPointer.Append(pod.SpecPointer, list), pod.Spec[list] as JsonArray, names, record.CreatedLists.Contains(list), record.WasNull.Contains(list));
        }
        foreach (var (field, original) in record.OriginalFields)
        {
            var pointer = JsonPointer.Append(pod.SpecPointer, field);
            if (original is not null || record.WasNull.Contains(field))
                pod.Apply(PatchOp.Add(pointer, original));
            else if (pod.Spec.ContainsKey(field))
                pod.Apply(PatchOp.Remove(pointer));
        }
        StripLabels(pod, record);
        if (pod.Workload.Node.At("metadata", "annotations") is JsonObject annotations && annotations.ContainsKey(InjectionRecord.Annotation))
        {
            pod.Apply((record.Annotations, annotations.Count) switch
            {
                (AnnotationsBefore.Null, 1) => PatchOp.Add("/metadata/annotations", null),
                (AnnotationsBefore.Absent, 1) => PatchOp.Remove("/metadata/annotations"),
                _ => PatchOp.Remove(JsonPointer.Of("metadata", "annotations", InjectionRecord.Annotation)),
            });
        }
    }

    // labels krm-otel set get the user's value back; a labels map (or template metadata) it created goes once empty
    private static void StripLabels(PodContext pod, InjectionRecord record)
    {
        var meta = pod.Kind.TemplatePointer + "/metadata";
        foreach (var (key, original) in record.OriginalLabels)
        {
            if (pod.Template.At("metadata", "labels") is not JsonObject labels)
                return;
            if (original is not null)
                pod.Apply(PatchOp.Add(JsonPointer.Append(meta, "labels", key), original));
            else if (!labels.ContainsKey(key))
                continue;
            else if (labels.Count > 1 || !(record.CreatedLists.Contains("metadata") || record.CreatedLists.Contains("metadata.labels")))
                pod.Apply(PatchOp.Remove(JsonPointer.Append(meta, "labels", key)));
            else if (record.CreatedLists.Contains("metadata") && pod.Template["metadata"] is JsonObject { Count: 1 })
                pod.Apply(PatchOp.Remove(meta));
            else
                pod.Apply(PatchOp.Remove(meta + "/labels"));
        }
    }

    private static void StripContainer(PodContext pod, string pointer, JsonObject container, ContainerRecord edits)
    {
        if (container["env"] is JsonArray env)
        {
            RemoveAdded(pod, pointer + "/env", env, edits.AddedEnv, edits.CreatedEnv, edits.WasNull.Contains("env"));
            if (container["env"] is JsonArray rest)
            {
                foreach (var (name, value) in edits.OriginalValues)
                {
                    if (IndexOf(rest, name) is var i and >= 0)
                        RestoreValue(pod, $"{pointer}/env/{i}", (JsonObject)rest[i]!, value);
                }
                foreach (var (name, index) in edits.MovedFrom)
                {
                    if (IndexOf(rest, name) is var i and >= 0 && i != index && index < rest.Count)
                    {
                        var entry = rest[i]!.DeepClone();
                        pod.Apply(PatchOp.Remove($"{pointer}/env/{i}"));
                        pod.Apply(PatchOp.Add($"{pointer}/env/{index}", entry));
                    }
                }
            }
        }
        if (container["volumeMounts"] is JsonArray mounts)
            RemoveAdded(pod, pointer + "/volumeMounts", mounts, edits.AddedMounts, edits.CreatedMounts, edits.WasNull.Contains("volumeMounts"));
        RestoreMounts(pod, pointer, container, edits);
    }

    // the user's mounts krm-otel took out go back where they were, in the order they were taken
    private static void RestoreMounts(PodContext pod, string pointer, JsonObject container, ContainerRecord edits)
    {
        foreach (var (at, mount) in Enumerable.Reverse(edits.RemovedMounts))
        {
            if (container["volumeMounts"] is JsonArray list)
                pod.Apply(PatchOp.Add($"{pointer}/volumeMounts/{Math.Min(at, list.Count)}", mount.DeepClone()));
            else
                pod.Apply(PatchOp.Add(pointer + "/volumeMounts", new JsonArray(mount.DeepClone())));
        }
    }

    // the user's value back; null: the entry had no value key
    private static void RestoreValue(PodContext pod, string pointer, JsonObject entry, string? value)
    {
        if (value is not null)
            pod.Apply(PatchOp.Add(pointer + "/value", value));
        else if (entry.ContainsKey("value"))
            pod.Apply(PatchOp.Remove(pointer + "/value"));
    }

    // From the end, so earlier indices stay valid, and because krm-otel's entries are the last of their names. A list
    // krm-otel created goes once empty, or is null again where the user had written null.
    private static void RemoveAdded(PodContext pod, string pointer, JsonArray? list, AddedNames names, bool created, bool wasNull)
    {
        if (list is null)
            return;
        var left = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (list[i] is not JsonObject o)
                continue;
            var name = EnvList.Name(o);
            var n = left.TryGetValue(name, out var l) ? l : names.Of(name);
            if (n == 0)
                continue;
            left[name] = n - 1;
            if (created && list.Count == 1)
            {
                pod.Apply(wasNull ? PatchOp.Add(pointer, null) : PatchOp.Remove(pointer));
                return;
            }
            pod.Apply(PatchOp.Remove($"{pointer}/{i}"));
        }
    }

    private static int IndexOf(JsonArray list, string name)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && EnvList.Name(o) == name)
                return i;
        }
        return -1;
    }
}
