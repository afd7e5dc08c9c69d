using System.Text.Json;
using System.Text.Json.Nodes;
using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>What krm-otel added to one container: env entries, changed values (with the user's originals), mounts.</summary>
public sealed class ContainerRecord
{
    public SortedSet<string> AddedEnv { get; } = new(StringComparer.Ordinal);

    /// <summary>The user's value of each variable krm-otel extended (JAVA_TOOL_OPTIONS, PYTHONPATH, ...).</summary>
    public SortedDictionary<string, string> OriginalValues { get; } = new(StringComparer.Ordinal);

    /// <summary>User variables moved to the end (OTEL_RESOURCE_ATTRIBUTES), with their place among the user's own.</summary>
    public SortedDictionary<string, int> MovedFrom { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> AddedMounts { get; } = new(StringComparer.Ordinal);

    /// <summary>User mounts krm-otel took out (Apache/Nginx drop the one over their config dir), with their index.</summary>
    public List<(int At, JsonObject Mount)> RemovedMounts { get; } = [];

    public bool CreatedEnv { get; set; }

    public bool CreatedMounts { get; set; }
}

/// <summary>
/// The one annotation krm-otel leaves on a workload it instrumented, <c>krm-otel.dev/injected</c>: exactly what it
/// added and what it changed, so that a later render can take it out again (to update it after the Instrumentation
/// changed, or to remove it when the annotation or rule is gone) without touching anything the user wrote.
/// </summary>
public sealed class InjectionRecord
{
    public const string Annotation = "krm-otel.dev/injected";
    private static readonly string[] PodLists = ["initContainers", "containers", "volumes"];

    /// <summary>Names krm-otel added to each pod-spec list.</summary>
    public SortedDictionary<string, SortedSet<string>> Added { get; } = new(StringComparer.Ordinal);

    /// <summary>Pod-spec lists that did not exist before.</summary>
    public SortedSet<string> CreatedLists { get; } = new(StringComparer.Ordinal);

    /// <summary>Pod-spec fields krm-otel set, with the user's value (JSON null when the field was absent).</summary>
    public SortedDictionary<string, JsonNode?> OriginalFields { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, ContainerRecord> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary>Pod labels krm-otel set, with the user's value (null when the label was absent); "metadata" and "metadata.labels" in <see cref="CreatedLists"/> when it created those.</summary>
    public SortedDictionary<string, string?> OriginalLabels { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Added.Count == 0 && OriginalFields.Count == 0 && Containers.Count == 0 && OriginalLabels.Count == 0;

    public void AddedTo(string list, string name, bool created)
    {
        if (!Added.TryGetValue(list, out var names))
            Added[list] = names = new SortedSet<string>(StringComparer.Ordinal);
        names.Add(name);
        if (created)
            CreatedLists.Add(list);
    }

    public void FieldSet(string key, JsonNode? original) => OriginalFields.TryAdd(key, original?.DeepClone());

    public ContainerRecord Container(string name) =>
        Containers.TryGetValue(name, out var c) ? c : Containers[name] = new ContainerRecord();

    public bool AddedByUs(string list, string name) => Added.TryGetValue(list, out var names) && names.Contains(name);

    public string ToJson()
    {
        var o = new JsonObject { ["v"] = 1 };
        foreach (var list in PodLists.Where(Added.ContainsKey))
            o[list] = Strings(Added[list]);
        if (CreatedLists.Count > 0)
            o["created"] = Strings(CreatedLists);
        if (OriginalFields.Count > 0)
            o["fields"] = new JsonObject(OriginalFields.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        if (OriginalLabels.Count > 0)
            o["labels"] = new JsonObject(OriginalLabels.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        if (Containers.Count > 0)
        {
            var containers = new JsonObject();
            foreach (var (name, c) in Containers)
            {
                var co = new JsonObject();
                if (c.AddedEnv.Count > 0)
                    co["env"] = Strings(c.AddedEnv);
                if (c.OriginalValues.Count > 0)
                    co["values"] = new JsonObject(c.OriginalValues.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
                if (c.MovedFrom.Count > 0)
                    co["moved"] = new JsonObject(c.MovedFrom.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
                if (c.AddedMounts.Count > 0)
                    co["volumeMounts"] = Strings(c.AddedMounts);
                if (c.RemovedMounts.Count > 0)
                    co["removedMounts"] = new JsonArray(c.RemovedMounts.Select(r => (JsonNode)new JsonObject { ["at"] = r.At, ["mount"] = r.Mount.DeepClone() }).ToArray());
                var created = new List<string>();
                if (c.CreatedEnv)
                    created.Add("env");
                if (c.CreatedMounts)
                    created.Add("volumeMounts");
                if (created.Count > 0)
                    co["created"] = Strings(created);
                containers[name] = co;
            }
            o["containerEdits"] = containers;
        }
        return o.ToJsonString();
    }

    /// <summary>The record on a workload; null when there is none; an exception message when it is not ours to read.</summary>
    public static InjectionRecord? Read(JsonObject workload, out string? error)
    {
        error = null;
        if (workload.At("metadata", "annotations", Annotation) is not { } node)
            return null;
        try
        {
            var o = JsonNode.Parse(node.AsString() ?? "") as JsonObject ?? throw new JsonException("not an object");
            if (o["v"]?.GetValue<int>() != 1)
                throw new JsonException("unknown version");
            var record = new InjectionRecord();
            foreach (var list in PodLists)
            {
                foreach (var name in Names(o[list]))
                    record.AddedTo(list, name, created: false);
            }
            foreach (var list in Names(o["created"]))
                record.CreatedLists.Add(list);
            foreach (var (k, v) in o["fields"] as JsonObject ?? [])
                record.OriginalFields[k] = v?.DeepClone();
            foreach (var (k, v) in o["labels"] as JsonObject ?? [])
                record.OriginalLabels[k] = v?.GetValue<string>();
            foreach (var (name, value) in o["containerEdits"] as JsonObject ?? [])
            {
                var c = record.Container(name);
                foreach (var e in Names(value?["env"]))
                    c.AddedEnv.Add(e);
                foreach (var (k, v) in value?["values"] as JsonObject ?? [])
                    c.OriginalValues[k] = v!.GetValue<string>();
                foreach (var (k, v) in value?["moved"] as JsonObject ?? [])
                    c.MovedFrom[k] = v!.GetValue<int>();
                foreach (var m in Names(value?["volumeMounts"]))
                    c.AddedMounts.Add(m);
                foreach (var r in value?["removedMounts"] as JsonArray ?? [])
                    c.RemovedMounts.Add(r?["at"] is { } at && r["mount"] is JsonObject mount ? (at.GetValue<int>(), (JsonObject)mount.DeepClone()) : throw new JsonException("a removed mount needs at and mount"));
                var created = Names(value?["created"]).ToList();
                c.CreatedEnv = created.Contains("env");
                c.CreatedMounts = created.Contains("volumeMounts");
            }
            return record;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            error = $"is not a record krm-otel can read ({e.Message}); restore the workload as it was before injection and remove the annotation";
            return null;
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static IEnumerable<string> Names(JsonNode? n) => n is JsonArray a ? a.Select(x => x!.GetValue<string>()) : [];
}
