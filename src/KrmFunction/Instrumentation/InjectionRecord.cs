using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KrmOtel.Model;

namespace KrmOtel.Instrumentation;

/// <summary>
/// The names of the entries krm-otel added to one list (env, volumeMounts, initContainers, ...), once per entry:
/// a name the user's list also has is ours in its last occurrences (krm-otel only ever appends after the user's).
/// </summary>
public sealed class AddedNames : IEnumerable<string>
{
    // few names for each list: kept in ordinal order in two lists (a sorted dictionary costs a tree and, to be read, a stack)
    private readonly List<string> names = [];
    private readonly List<int> counts = [];

    /// <summary>How many different names.</summary>
    public int Count => names.Count;

    public void Add(string name)
    {
        var i = names.BinarySearch(name, StringComparer.Ordinal);
        if (i >= 0)
            counts[i]++;
        else
        {
            names.Insert(~i, name);
            counts.Insert(~i, 1);
        }
    }

    public bool Contains(string name) => names.BinarySearch(name, StringComparer.Ordinal) >= 0;

    /// <summary>How many entries of that name krm-otel added.</summary>
    public int Of(string name) => names.BinarySearch(name, StringComparer.Ordinal) is var i and >= 0 ? counts[i] : 0;

    /// <summary>Each name as often as it was added, in ordinal order.</summary>
    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < names.Count; i++)
        {
            for (var n = 0; n < counts[i]; n++)
                yield return names[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>What krm-otel added to one container: env entries, changed values (with the user's originals), mounts.</summary>
public sealed class ContainerRecord
{
    public AddedNames AddedEnv { get; } = new();

    /// <summary>The user's value of each variable krm-otel extended (JAVA_TOOL_OPTIONS, PYTHONPATH, ...); null when the entry had no value key.</summary>
    public SortedDictionary<string, string?> OriginalValues { get; } = new(StringComparer.Ordinal);

    /// <summary>User variables moved to the end (OTEL_RESOURCE_ATTRIBUTES), with their place among the user's own.</summary>
    public SortedDictionary<string, int> MovedFrom { get; } = new(StringComparer.Ordinal);

    public AddedNames AddedMounts { get; } = new();

    /// <summary>User mounts krm-otel took out (Apache/Nginx drop the one over their config dir), with their index.</summary>
    public List<(int At, JsonObject Mount)> RemovedMounts { get; } = [];

    public bool CreatedEnv { get; set; }

    public bool CreatedMounts { get; set; }

    /// <summary>Of the lists krm-otel created ("env", "volumeMounts"), those the user had written as null.</summary>
    public SortedSet<string> WasNull { get; } = new(StringComparer.Ordinal);
}

/// <summary>What the workload's metadata.annotations was before krm-otel put its record there.</summary>
public enum AnnotationsBefore
{
    /// <summary>Absent: the map goes again with the record (also what a record without the field means).</summary>
    Absent,

    /// <summary>A map (maybe empty) the user wrote: only the record is taken out of it.</summary>
    Map,

    /// <summary>Written as null (`annotations:`): null again.</summary>
    Null,
}

/// <summary>
/// The one annotation krm-otel leaves on a workload it instrumented, <c>krm-otel.dev/injected</c>: exactly what it
/// added and what it changed, so that a later render can take it out again (to update it after the Instrumentation
/// changed, or to remove it when the annotation or rule is gone) without touching anything the user wrote.
/// An injector records through <see cref="PodContext"/> (AppendTo, InsertInto, AddVolumeOnce, SetSpecField) and
/// <see cref="AgentInjector.Commit"/>; <see cref="Stripper"/> reads it back.
/// <para>
/// The JSON, version 1 (every field but "v" only when non-empty; fields added later keep old records readable):
/// <c>initContainers</c>, <c>containers</c>, <c>volumes</c>: names added to those pod-spec lists, a name once per
/// entry added; <c>created</c>: the lists that did not exist; <c>null</c>: pod-spec keys the user had written as
/// null (a created list or a set field gets its null back); <c>fields</c>: pod-spec fields set, with the user's
/// value (null: absent); <c>annotations</c>: "map" or "null" when metadata.annotations was that before the record
/// (absent field: krm-otel created the map); <c>containerEdits</c>: per container name, <c>env</c> and
/// <c>volumeMounts</c> (names added, once per entry; ours are the last of their name), <c>values</c> (the user's
/// value of each variable extended; null: the entry had no value key), <c>moved</c> (variables moved to the end,
/// with their index among the user's), <c>created</c> and <c>null</c> (as above, for env and volumeMounts).
/// </para>
/// </summary>
public sealed class InjectionRecord
{
    public const string Annotation = "krm-otel.dev/injected";
    private static readonly string[] PodLists = ["initContainers", "containers", "volumes"];

    /// <summary>Names krm-otel added to each pod-spec list.</summary>
    public SortedDictionary<string, AddedNames> Added { get; } = new(StringComparer.Ordinal);

    /// <summary>Pod-spec lists that did not exist before.</summary>
    public SortedSet<string> CreatedLists { get; } = new(StringComparer.Ordinal);

    /// <summary>Pod-spec keys (created lists, set fields) the user had written as null.</summary>
    public SortedSet<string> WasNull { get; } = new(StringComparer.Ordinal);

    /// <summary>Pod-spec fields krm-otel set, with the user's value (JSON null when the field was absent or null).</summary>
    public SortedDictionary<string, JsonNode?> OriginalFields { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, ContainerRecord> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary>Pod labels krm-otel set, with the user's value (null when the label was absent); "metadata" and "metadata.labels" in <see cref="CreatedLists"/> when it created those.</summary>
    public SortedDictionary<string, string?> OriginalLabels { get; } = new(StringComparer.Ordinal);

    public AnnotationsBefore Annotations { get; set; }

    public bool IsEmpty => Added.Count == 0 && OriginalFields.Count == 0 && Containers.Count == 0 && OriginalLabels.Count == 0;

    /// <summary>Records an entry added to a pod-spec list; <paramref name="wasNull"/>: the list key was there with a null value.</summary>
    public void AddedTo(string list, string name, bool created, bool wasNull = false)
    {
        if (!Added.TryGetValue(list, out var names))
            Added[list] = names = new AddedNames();
        names.Add(name);
        if (created)
            CreatedLists.Add(list);
        if (created && wasNull)
            WasNull.Add(list);
    }

    public void FieldSet(string key, JsonNode? original, bool wasNull = false)
    {
        if (OriginalFields.TryAdd(key, original?.DeepClone()) && wasNull)
            WasNull.Add(key);
    }

    public ContainerRecord Container(string name) =>
        Containers.TryGetValue(name, out var c) ? c : Containers[name] = new ContainerRecord();

    public bool AddedByUs(string list, string name) => Added.TryGetValue(list, out var names) && names.Contains(name);

    /// <summary>The record as compact JSON, written straight out (no tree, no JSON writer: every instrumented workload writes one).</summary>
    public string ToJson()
    {
        // one buffer for each thread, reset for each record: there is one record for every pod
        var w = recordText ??= new JsonText();
        w.Start();
        w.StartObject();
        w.Name("v");
        w.Raw("1");
        foreach (var list in PodLists)
        {
            if (Added.TryGetValue(list, out var names))
                Strings(w, list, names);
        }
        if (CreatedLists.Count > 0)
            Strings(w, "created", CreatedLists);
        if (WasNull.Count > 0)
            Strings(w, "null", WasNull);
        if (OriginalFields.Count > 0)
        {
            w.Name("fields");
            w.StartObject();
            foreach (var (key, value) in OriginalFields)
            {
                w.Name(key);
                w.Raw(value is null ? "null" : value.ToJsonString());
            }
            w.EndObject();
        }
        if (OriginalLabels.Count > 0)
            Map(w, "labels", OriginalLabels);
        if (Annotations != AnnotationsBefore.Absent)
        {
            w.Name("annotations");
            w.String(Annotations == AnnotationsBefore.Map ? "map" : "null");
        }
        if (Containers.Count > 0)
        {
            w.Name("containerEdits");
            w.StartObject();
            foreach (var (name, c) in Containers)
            {
                w.Name(name);
                ContainerJson(w, c);
            }
            w.EndObject();
        }
        w.EndObject();
        return w.ToString();
    }

    [ThreadStatic]
    private static JsonText? recordText;

    /// <summary>
    /// Compact JSON as <see cref="Utf8JsonWriter"/> writes it with its default options, for the record's few shapes:
    /// a string of only letters, digits and <c>-._/:</c> is written as it is, any other escaped by
    /// <see cref="JsonEncodedText"/> (the same default encoder).
    /// </summary>
    private sealed class JsonText
    {
        private readonly StringBuilder sb = new(256);
        private bool comma;

        public void Start()
        {
            sb.Clear();
            comma = false;
        }

        public void StartObject() => Open('{');

        public void EndObject() => Close('}');

        public void StartArray() => Open('[');

        public void EndArray() => Close(']');

        public void Name(string name)
        {
            String(name);
            sb.Append(':');
            comma = false;
        }

        public void String(string value)
        {
            Separate();
            sb.Append('"');
            if (value.AsSpan().ContainsAnyExcept(Unescaped))
                sb.Append(JsonEncodedText.Encode(value).Value);
            else
                sb.Append(value);
            sb.Append('"');
            comma = true;
        }

        /// <summary>A value already in JSON: a number, null, or a node's JSON text.</summary>
        public void Raw(string json)
        {
            Separate();
            sb.Append(json);
            comma = true;
        }

        public override string ToString() => sb.ToString();

        private void Open(char c)
        {
            Separate();
            sb.Append(c);
            comma = false;
        }

        private void Close(char c)
        {
            sb.Append(c);
            comma = true;
        }

        private void Separate()
        {
            if (comma)
                sb.Append(',');
        }

        private static readonly SearchValues<char> Unescaped = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._/:");
    }

    private static void ContainerJson(JsonText w, ContainerRecord c)
    {
        w.StartObject();
        if (c.AddedEnv.Count > 0)
            Strings(w, "env", c.AddedEnv);
        if (c.OriginalValues.Count > 0)
            Map(w, "values", c.OriginalValues);
        if (c.MovedFrom.Count > 0)
        {
            w.Name("moved");
            w.StartObject();
            foreach (var (key, at) in c.MovedFrom)
            {
                w.Name(key);
                w.Raw(at.ToString(CultureInfo.InvariantCulture));
            }
            w.EndObject();
        }
        if (c.AddedMounts.Count > 0)
            Strings(w, "volumeMounts", c.AddedMounts);
        if (c.RemovedMounts.Count > 0)
        {
            w.Name("removedMounts");
            w.StartArray();
            foreach (var (at, mount) in c.RemovedMounts)
            {
                w.StartObject();
                w.Name("at");
                w.Raw(at.ToString(CultureInfo.InvariantCulture));
                w.Name("mount");
                w.Raw(mount.ToJsonString());
                w.EndObject();
            }
            w.EndArray();
        }
        if (c.CreatedEnv || c.CreatedMounts)
        {
            w.Name("created");
            w.StartArray();
            if (c.CreatedEnv)
                w.String("env");
            if (c.CreatedMounts)
                w.String("volumeMounts");
            w.EndArray();
        }
        if (c.WasNull.Count > 0)
            Strings(w, "null", c.WasNull);
        w.EndObject();
    }

    private static void Strings(JsonText w, string key, IEnumerable<string> values)
    {
        w.Name(key);
        w.StartArray();
        foreach (var v in values)
            w.String(v);
        w.EndArray();
    }

    private static void Map(JsonText w, string key, SortedDictionary<string, string?> map)
    {
        w.Name(key);
        w.StartObject();
        foreach (var (k, v) in map)
        {
            w.Name(k);
            if (v is null)
                w.Raw("null");
            else
                w.String(v);
        }
        w.EndObject();
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
            foreach (var key in Names(o["null"]))
                record.WasNull.Add(key);
            foreach (var (k, v) in o["fields"] as JsonObject ?? [])
                record.OriginalFields[k] = v?.DeepClone();
            foreach (var (k, v) in o["labels"] as JsonObject ?? [])
                record.OriginalLabels[k] = v?.GetValue<string>();
            record.Annotations = o["annotations"]?.GetValue<string>() switch
            {
                null => AnnotationsBefore.Absent,
                "map" => AnnotationsBefore.Map,
                "null" => AnnotationsBefore.Null,
                var other => throw new JsonException($"unknown annotations \"{other}\""),
            };
            foreach (var (name, value) in o["containerEdits"] as JsonObject ?? [])
                ReadContainer(record.Container(name), value);
            return record;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            error = $"is not a record krm-otel can read ({e.Message}); restore the workload as it was before injection and remove the annotation";
            return null;
        }
    }

    private static void ReadContainer(ContainerRecord c, JsonNode? value)
    {
        foreach (var e in Names(value?["env"]))
            c.AddedEnv.Add(e);
        foreach (var (k, v) in value?["values"] as JsonObject ?? [])
            c.OriginalValues[k] = v?.GetValue<string>();
        foreach (var (k, v) in value?["moved"] as JsonObject ?? [])
            c.MovedFrom[k] = v!.GetValue<int>();
        foreach (var m in Names(value?["volumeMounts"]))
            c.AddedMounts.Add(m);
        foreach (var r in value?["removedMounts"] as JsonArray ?? [])
            c.RemovedMounts.Add(r?["at"] is { } at && r["mount"] is JsonObject mount ? (at.GetValue<int>(), (JsonObject)mount.DeepClone()) : throw new JsonException("a removed mount needs at and mount"));
        var created = Names(value?["created"]).ToList();
        c.CreatedEnv = created.Contains("env");
        c.CreatedMounts = created.Contains("volumeMounts");
        foreach (var key in Names(value?["null"]))
            c.WasNull.Add(key);
    }

    private static IEnumerable<string> Names(JsonNode? n) => n is JsonArray a ? a.Select(x => x!.GetValue<string>()) : [];
}
