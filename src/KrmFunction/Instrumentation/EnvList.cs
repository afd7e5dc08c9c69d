using System.Text.Json.Nodes;
using KrmOtel.Model;
using KrmOtel.Patching;

namespace KrmOtel.Instrumentation;

/// <summary>
/// A container's env list with the operator's helpers (sdk.go: getIndexOfEnv, appendIfNotSet, moveEnvToListEnd).
/// It works on a copy and records every change as an RFC 6902 operation relative to the list, so an existing
/// list is edited entry by entry and never replaced.
/// </summary>
public sealed class EnvList
{
    private readonly List<JsonObject> entries;
    private readonly bool existed;
    private readonly List<PatchOp> ops = [];
    private readonly List<JsonObject> before;

    // by entry, not by name: the user may have an entry of a name krm-otel adds too
    private readonly HashSet<JsonObject> added = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<JsonObject, string?> changed = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<JsonObject> moved = new(ReferenceEqualityComparer.Instance);

    /// <param name="live">the container's env list as it is, or null when it has none</param>
    public EnvList(JsonArray? live)
    {
        existed = live is not null;
        entries = live?.OfType<JsonObject>().Select(e => (JsonObject)e.DeepClone()).ToList() ?? [];
        before = [.. entries];
    }

    public IReadOnlyList<JsonObject> Entries => entries;

    public int IndexOf(string name) => entries.FindIndex(e => Name(e) == name);

    public bool Has(string name) => IndexOf(name) >= 0;

    /// <summary>The plain value of a variable; "" when absent or set through valueFrom.</summary>
    public string Value(string name) => IndexOf(name) is var i and >= 0 ? entries[i]["value"].AsString() ?? "" : "";

    public bool UsesValueFrom(string name) => IndexOf(name) is var i and >= 0 && entries[i]["valueFrom"] is not null;

    public void Append(JsonObject entry)
    {
        var copy = entry.Parent is null ? entry : (JsonObject)entry.DeepClone(); // an entry of another tree is copied
        entries.Add(copy);
        added.Add(copy);
        ops.Add(PatchOp.Add("/-", copy));
    }

    public void AppendIfAbsent(JsonObject entry)
    {
        if (!Has(Name(entry)))
            Append(entry);
    }

    public void AppendIfAbsent(IEnumerable<JsonObject> more)
    {
        foreach (var e in more)
            AppendIfAbsent(e);
    }

    public void PrependIfAbsent(JsonObject entry)
    {
        if (Has(Name(entry)))
            return;
        entries.Insert(0, entry);
        added.Add(entry);
        ops.Add(PatchOp.Add("/0", entry));
    }

    public void SetValue(string name, string value)
    {
        var i = IndexOf(name);
        var had = entries[i].ContainsKey("value");
        changed.TryAdd(entries[i], had ? entries[i]["value"].AsString() ?? "" : null);
        var op = had ? PatchKind.Replace : PatchKind.Add;
        entries[i]["value"] = value;
        ops.Add(new PatchOp(op, $"/{i}/value", JsonValue.Create(value)));
    }

    /// <summary>appendOrReplace: a new variable is appended, an existing one gets the new value in place.</summary>
    public void AppendOrReplace(string name, string value)
    {
        if (Has(name))
            SetValue(name, value);
        else
            Append(K8sObjects.Env(name, value));
    }

    public void MoveToEnd(string name)
    {
        var i = IndexOf(name);
        if (i < 0 || i == entries.Count - 1)
            return;
        var e = entries[i];
        entries.RemoveAt(i);
        entries.Add(e);
        moved.Add(e);
        ops.Add(PatchOp.Remove($"/{i}"));
        ops.Add(PatchOp.Add("/-", e));
    }

    /// <summary>The list as JSON, a copy: the list goes on changing after (the web servers' clones take the env as it is).</summary>
    public JsonArray ToJson() => new(entries.Select(e => (JsonNode)e.DeepClone()).ToArray());

    /// <summary>The operations that turn the container's list into this one, at <paramref name="pointer"/>.</summary>
    public IEnumerable<PatchOp> Operations(string pointer)
    {
        if (existed)
            return ops.Select(op => op with { Path = pointer + op.Path });
        return entries.Count == 0 ? [] : [PatchOp.Add(pointer, ToJson())];
    }

    /// <summary>
    /// Adds what this list changed to the record: the entries it added, the user's original values and the places of
    /// user entries it moved. Entries an earlier list of this render added to the same container (the record has
    /// them: the last ones of their names) are not the user's.
    /// </summary>
    public void RecordInto(ContainerRecord record)
    {
        var earlier = Earlier(record.AddedEnv);
        bool Users(JsonObject e) => before.Contains(e) && !earlier.Contains(e);
        foreach (var e in entries.Where(added.Contains))
            record.AddedEnv.Add(Name(e));
        foreach (var (e, value) in changed.Where(p => Users(p.Key)))
            record.OriginalValues.TryAdd(Name(e), value);
        foreach (var e in moved.Where(Users))
            record.MovedFrom.TryAdd(Name(e), before.TakeWhile(b => b != e).Count(b => !earlier.Contains(b)));
        record.CreatedEnv |= !existed && entries.Count > 0;
    }

    private HashSet<JsonObject> Earlier(AddedNames ours)
    {
        var result = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
        var left = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = before.Count - 1; i >= 0; i--)
        {
            var name = Name(before[i]);
            var n = left.TryGetValue(name, out var l) ? l : ours.Of(name);
            if (n > 0)
                result.Add(before[i]);
            left[name] = n - 1;
        }
        return result;
    }

    public static string Name(JsonObject e) => e["name"].AsString() ?? "";
}
