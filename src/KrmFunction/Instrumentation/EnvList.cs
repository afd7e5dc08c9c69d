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
    private readonly List<string> before;
    private readonly Dictionary<string, string> beforeValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> changed = new(StringComparer.Ordinal);
    private readonly HashSet<string> moved = new(StringComparer.Ordinal);

    /// <param name="live">the container's env list as it is, or null when it has none</param>
    public EnvList(JsonArray? live)
    {
        existed = live is not null;
        entries = live?.OfType<JsonObject>().Select(e => (JsonObject)e.DeepClone()).ToList() ?? [];
        before = entries.Select(Name).ToList();
        foreach (var e in entries)
            beforeValues.TryAdd(Name(e), e["value"].AsString() ?? "");
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
        ops.Add(PatchOp.Add("/0", entry));
    }

    public void SetValue(string name, string value)
    {
        var i = IndexOf(name);
        var op = entries[i].ContainsKey("value") ? PatchKind.Replace : PatchKind.Add;
        entries[i]["value"] = value;
        changed.Add(name);
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
        moved.Add(name);
        ops.Add(PatchOp.Remove($"/{i}"));
        ops.Add(PatchOp.Add("/-", e));
    }

    /// <summary>The list as JSON: entries of this list's own are moved in, entries already in a tree are copied.</summary>
    public JsonArray ToJson()
    {
        var array = new JsonArray();
        foreach (var e in entries)
            array.Add(e.Parent is null ? e : e.DeepClone());
        return array;
    }

    /// <summary>The operations that turn the container's list into this one, at <paramref name="pointer"/>.</summary>
    public IEnumerable<PatchOp> Operations(string pointer)
    {
        if (existed)
            return ops.Select(op => op with { Path = pointer + op.Path });
        return entries.Count == 0 ? [] : [PatchOp.Add(pointer, ToJson())];
    }

    /// <summary>Adds what this list changed to the record: added names, the user's original values, moved entries.</summary>
    public void RecordInto(ContainerRecord record)
    {
        var ours = record.AddedEnv;
        foreach (var name in entries.Select(Name).Where(n => !before.Contains(n)))
            ours.Add(name);
        foreach (var name in changed.Where(n => before.Contains(n) && !ours.Contains(n)))
            record.OriginalValues.TryAdd(name, beforeValues[name]);
        foreach (var name in moved.Where(n => before.Contains(n) && !ours.Contains(n)))
            record.MovedFrom.TryAdd(name, before.TakeWhile(n => n != name).Count(n => !ours.Contains(n)));
        record.CreatedEnv |= !existed && entries.Count > 0;
    }

    public static string Name(JsonObject e) => e["name"].AsString() ?? "";
}
