using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Patching;

namespace KrmOtel.Instrumentation;

/// <summary>
/// A workload's pod as the webhook would see it: the pod spec inside the template, the effective annotations
/// (template + rules), the namespace's annotations and the facts known at render time. Every change is made through
/// <see cref="Apply"/>, which records it as an RFC 6902 operation against the workload.
/// </summary>
public sealed class PodContext(Resource workload, WorkloadKind kind, JsonObject template, IReadOnlyDictionary<string, string> annotations, IReadOnlyDictionary<string, string> namespaceAnnotations)
{
    public Resource Workload { get; } = workload;

    public WorkloadKind Kind { get; } = kind;

    public JsonObject Template { get; } = template;

    // read for nearly every step of an injection: kept while it is still the template's (no operation replaces it)
    private JsonObject? spec;

    public JsonObject Spec => spec is not null && ReferenceEquals(spec.Parent, Template) ? spec : spec = (JsonObject)Template["spec"]!;

    public string SpecPointer => Kind.SpecPointer;

    /// <summary>Template annotations, plus those implied by inject rules.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; } = annotations;

    public IReadOnlyDictionary<string, string> NamespaceAnnotations { get; } = namespaceAnnotations;

    public string Namespace => Workload.Namespace ?? "";

    /// <summary>The pod's own name: known for a bare Pod only; a template's metadata.name is ignored (§9).</summary>
    public string PodName => Kind.Kind == "Pod" ? Workload.Name : "";

    // read only where an Instrumentation takes resource attributes from labels
    private IReadOnlyDictionary<string, string>? podLabels;

    /// <summary>The template's labels as they were before this render set any (<see cref="SetLabel"/>).</summary>
    public IReadOnlyDictionary<string, string> Labels => podLabels ??= Template.At("metadata", "labels").StringMap();

    public JsonArray Containers => Spec["containers"] as JsonArray ?? [];

    public JsonArray InitContainers => Spec["initContainers"] as JsonArray ?? [];

    public string Effective(string key) => PodAnnotations.Effective(NamespaceAnnotations, Annotations, key);

    public void Apply(PatchOp op) => Workload.Apply(op);

    /// <summary>What this render added to the pod, written as the <see cref="InjectionRecord.Annotation"/>.</summary>
    public InjectionRecord Record { get; } = new();

    /// <summary>Appends to a list of the pod spec, creating the list when absent (never replacing one the user owns).</summary>
    public void AppendTo(string listKey, JsonObject item)
    {
        var pointer = JsonPointer.Append(SpecPointer, listKey);
        var exists = Spec[listKey] is JsonArray;
        Record.AddedTo(listKey, item["name"].AsString() ?? "", created: !exists, wasNull: Spec.HoldsNull(listKey));
        Apply(exists ? PatchOp.Add(pointer + "/-", item) : PatchOp.Add(pointer, new JsonArray(item)));
    }

    /// <summary>Inserts into an existing list of the pod spec at <paramref name="index"/>.</summary>
    public void InsertInto(string listKey, int index, JsonObject item)
    {
        Record.AddedTo(listKey, item["name"].AsString() ?? "", created: false);
        Apply(PatchOp.Add(JsonPointer.Append(SpecPointer, listKey, index), item));
    }

    /// <summary>Adds a pod volume unless one of that name exists (exporter.go, golang.go).</summary>
    public void AddVolumeOnce(k8s.Models.V1Volume volume) => AddVolumeOnce(K8sObjects.Volume(volume));

    public void AddVolumeOnce(JsonObject volume)
    {
        if (EnvList.Find(Spec["volumes"] as JsonArray, EnvList.Name(volume)) is not null)
            return;
        AppendTo("volumes", volume);
    }

    /// <summary>Sets a pod label, creating the template's metadata or labels when absent; the user's value is recorded.</summary>
    public void SetLabel(string key, string value)
    {
        _ = Labels; // as they were before
        var meta = Kind.TemplatePointer + "/metadata";
        var labels = Template.At("metadata", "labels") as JsonObject;
        Record.OriginalLabels.TryAdd(key, labels?[key].AsString());
        if (Template["metadata"] is not JsonObject)
        {
            Record.CreatedLists.Add("metadata");
            Apply(PatchOp.Add(meta, new JsonObject { ["labels"] = new JsonObject { [key] = value } }));
        }
        else if (labels is null)
        {
            Record.CreatedLists.Add("metadata.labels");
            Apply(PatchOp.Add(meta + "/labels", new JsonObject { [key] = value }));
        }
        else
            Apply(PatchOp.Add(JsonPointer.Append(meta, "labels", key), value));
    }

    public void SetSpecField(string key, JsonNode value)
    {
        Record.FieldSet(key, Spec[key], wasNull: Spec.HoldsNull(key));
        Apply(PatchOp.Add(JsonPointer.Append(SpecPointer, key), value));
    }
}
