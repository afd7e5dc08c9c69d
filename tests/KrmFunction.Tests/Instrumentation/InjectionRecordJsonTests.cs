using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using KrmOtel.Instrumentation;

namespace KrmOtel.Tests.Instrumentation;

/// <summary>
/// <see cref="InjectionRecord.ToJson"/> writes its JSON by hand (one record for every instrumented pod): for any
/// record, byte for byte what <see cref="Utf8JsonWriter"/> with its default options writes, as it wrote it before.
/// </summary>
public class InjectionRecordJsonTests
{
    private static readonly string[] PodLists = ["initContainers", "containers", "volumes"];

    // names as users write them, and anything else JSON must escape (quotes, '<', '+', controls, non-ASCII)
    private static Gen<string> Name() =>
        Gen.Frequency(
                (8, Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-._/:".ToCharArray())),
                (1, Gen.Elements(" \"\\<>&'+`\n\t\u0000\u001f\u007fé☃\u2028".ToCharArray())))
            .ArrayOf()
            .Select(cs => new string(cs));

    private static Gen<JsonNode?> Field() =>
        Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Constant<JsonNode?>(JsonValue.Create(false)),
            Name().Select(n => (JsonNode?)JsonValue.Create(n)),
            Name().Select(n => (JsonNode?)new JsonObject { ["k"] = n, ["n"] = 3 }));

    private static readonly Gen<bool> Flag = Gen.Elements(true, false);

    private static Arbitrary<InjectionRecord> Records() =>
        (from adds in (from l in Gen.Elements(PodLists) from n in Name() from c in Flag from w in Flag select (l, n, c, w)).ListOf()
         from fields in (from k in Name() from v in Field() from w in Flag select (k, v, w)).ListOf()
         from labels in (from k in Name() from v in Gen.OneOf(Gen.Constant<string?>(null), Name().Select(n => (string?)n)) select (k, v)).ListOf()
         from annotations in Gen.Elements(AnnotationsBefore.Absent, AnnotationsBefore.Map, AnnotationsBefore.Null)
         from containers in (from n in Name() from e in Name().ListOf() from i in Gen.Choose(0, 3) from f in Flag select (n, (IList<string>)e, i, f)).ListOf()
         select Make(adds, fields, labels, annotations, containers)).ToArbitrary();

    private static InjectionRecord Make(
        IList<(string, string, bool, bool)> adds, IList<(string, JsonNode?, bool)> fields, IList<(string, string?)> labels,
        AnnotationsBefore annotations, IList<(string, IList<string>, int, bool)> containers)
    {
        var r = new InjectionRecord { Annotations = annotations };
        foreach (var (list, name, created, wasNull) in adds)
            r.AddedTo(list, name, created, wasNull);
        foreach (var (key, value, wasNull) in fields)
            r.FieldSet(key, value, wasNull);
        foreach (var (key, value) in labels)
            r.OriginalLabels.TryAdd(key, value);
        foreach (var (name, names, n, flag) in containers)
        {
            var c = r.Container(name);
            foreach (var e in names)
            {
                c.AddedEnv.Add(e);
                c.OriginalValues.TryAdd(e, flag ? null : e + "=x");
                c.MovedFrom.TryAdd(e, n);
                c.AddedMounts.Add(e);
                c.WasNull.Add(e);
            }
            for (var i = 0; i < n; i++)
                c.RemovedMounts.Add((i, new JsonObject { ["name"] = name, ["mountPath"] = "/" + name }));
            c.CreatedEnv = flag;
            c.CreatedMounts = n > 1;
        }
        return r;
    }

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Any_record_is_written_as_the_JSON_writer_writes_it() =>
        Prop.ForAll(Records(), r => r.ToJson() == Reference(r));

    [Fact]
    public void A_record_reads_back_as_written()
    {
        var r = Make([("containers", "a\"<b>", true, false)], [("shareProcessNamespace", null, true)], [("x", "é")], AnnotationsBefore.Map, [("app", ["JAVA_TOOL_OPTIONS"], 1, false)]);
        var json = r.ToJson();
        var workload = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [InjectionRecord.Annotation] = json } } };
        var back = InjectionRecord.Read(workload, out var error);
        Assert.Null(error);
        Assert.Equal(json, back!.ToJson());
    }

    // The record as the JSON writer wrote it before ToJson wrote it by hand.
    private static string Reference(InjectionRecord r)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            foreach (var list in PodLists)
            {
                if (r.Added.TryGetValue(list, out var names))
                    Strings(w, list, names);
            }
            if (r.CreatedLists.Count > 0)
                Strings(w, "created", r.CreatedLists);
            if (r.WasNull.Count > 0)
                Strings(w, "null", r.WasNull);
            if (r.OriginalFields.Count > 0)
            {
                w.WriteStartObject("fields");
                foreach (var (key, value) in r.OriginalFields)
                {
                    w.WritePropertyName(key);
                    if (value is null)
                        w.WriteNullValue();
                    else
                        value.WriteTo(w);
                }
                w.WriteEndObject();
            }
            if (r.OriginalLabels.Count > 0)
                Map(w, "labels", r.OriginalLabels);
            if (r.Annotations != AnnotationsBefore.Absent)
                w.WriteString("annotations", r.Annotations == AnnotationsBefore.Map ? "map" : "null");
            if (r.Containers.Count > 0)
            {
                w.WriteStartObject("containerEdits");
                foreach (var (name, c) in r.Containers)
                {
                    w.WritePropertyName(name);
                    Container(w, c);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Container(Utf8JsonWriter w, ContainerRecord c)
    {
        w.WriteStartObject();
        if (c.AddedEnv.Count > 0)
            Strings(w, "env", c.AddedEnv);
        if (c.OriginalValues.Count > 0)
            Map(w, "values", c.OriginalValues);
        if (c.MovedFrom.Count > 0)
        {
            w.WriteStartObject("moved");
            foreach (var (key, at) in c.MovedFrom)
                w.WriteNumber(key, at);
            w.WriteEndObject();
        }
        if (c.AddedMounts.Count > 0)
            Strings(w, "volumeMounts", c.AddedMounts);
        if (c.RemovedMounts.Count > 0)
        {
            w.WriteStartArray("removedMounts");
            foreach (var (at, mount) in c.RemovedMounts)
            {
                w.WriteStartObject();
                w.WriteNumber("at", at);
                w.WritePropertyName("mount");
                mount.WriteTo(w);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (c.CreatedEnv || c.CreatedMounts)
        {
            w.WriteStartArray("created");
            if (c.CreatedEnv)
                w.WriteStringValue("env");
            if (c.CreatedMounts)
                w.WriteStringValue("volumeMounts");
            w.WriteEndArray();
        }
        if (c.WasNull.Count > 0)
            Strings(w, "null", c.WasNull);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string key, IEnumerable<string> values)
    {
        w.WriteStartArray(key);
        foreach (var v in values)
            w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void Map(Utf8JsonWriter w, string key, SortedDictionary<string, string?> map)
    {
        w.WriteStartObject(key);
        foreach (var (k, v) in map)
        {
            if (v is null)
                w.WriteNull(k);
            else
                w.WriteString(k, v);
        }
        w.WriteEndObject();
    }
}
