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
    private readonly List<string> names; // of the entries, in step with them: looked up on every step
    private readonly bool existed;
    private readonly JsonObject[] before;

    // Only an existing list that is edited keeps its operations and what it did to the user's entries (a new one is
    // written whole, a view is not changed), so only such a list has them: a pod's lists are made for every pod.
    private readonly List<PatchOp>? ops;

    // by entry, not by name: the user may have an entry of a name krm-otel adds too
    private readonly HashSet<JsonObject>? added;
    private readonly Dictionary<JsonObject, string?>? changed;
    private readonly HashSet<JsonObject>? moved;

    // a view reads the live entries themselves and is never changed
    private readonly bool view;

    /// <param name="live">the container's env list as it is, or null when it has none</param>
    public EnvList(JsonArray? live)
        : this(live, view: false)
    {
    }

    private EnvList(JsonArray? live, bool view)
    {
        this.view = view;
        existed = live is not null;
        entries = new List<JsonObject>((live?.Count ?? 0) + (view ? 0 : 16)); // room for what an injection adds
        names = new List<string>(entries.Capacity);
        foreach (var e in live ?? [])
        {
            if (e is JsonObject o)
            {
                entries.Add(view ? o : (JsonObject)o.DeepClone());
                names.Add(Name(o));
            }
        }
        if (view || !existed)
        {
            before = [];
            return;
        }
        before = [.. entries];
        ops = [];
        added = new(ReferenceEqualityComparer.Instance);
        changed = new(ReferenceEqualityComparer.Instance);
        moved = new(ReferenceEqualityComparer.Instance);
    }

    /// <summary>A list to read a container's env through, without copying it: it may not be changed.</summary>
    public static EnvList View(JsonArray? live) => new(live, view: true);

    public IReadOnlyList<JsonObject> Entries => entries;

    public int IndexOf(string name) => names.IndexOf(name);

    public bool Has(string name) => IndexOf(name) >= 0;

    /// <summary>The plain value of a variable; "" when absent or set through valueFrom.</summary>
    public string Value(string name) => IndexOf(name) is var i and >= 0 ? entries[i]["value"].AsString() ?? "" : "";

    public bool UsesValueFrom(string name) => IndexOf(name) is var i and >= 0 && entries[i]["valueFrom"] is not null;

    public void Append(JsonObject entry) => Append(entry, Name(entry));

    /// <summary>Appends a variable with a plain value.</summary>
    public void Append(string name, string value) => Append(K8sObjects.Env(name, value), name);

    /// <summary>Appends a variable taken from a field of the pod.</summary>
    public void AppendFieldRef(string name, string fieldPath) => Append(K8sObjects.FieldRefEnv(name, fieldPath), name);

    // A new list is written whole (Operations): only an existing one keeps its operations and what it added.
    private void Append(JsonObject entry, string name)
    {
        Writable();
        var copy = entry.Parent is null ? entry : (JsonObject)entry.DeepClone(); // an entry of another tree is copied
        entries.Add(copy);
        names.Add(name);
        if (!existed)
            return;
        added!.Add(copy);
        ops!.Add(PatchOp.Add("/-", copy));
    }

    public void AppendIfAbsent(JsonObject entry)
    {
        if (Name(entry) is var name && !Has(name))
            Append(entry, name);
    }

    /// <summary>Appends a variable with a plain value unless the list has one of that name.</summary>
    public void AppendIfAbsent(string name, string value)
    {
        if (!Has(name))
            Append(name, value);
    }

    /// <summary>Appends a variable taken from a field of the pod unless the list has one of that name.</summary>
    public void AppendFieldRefIfAbsent(string name, string fieldPath)
    {
        if (!Has(name))
            AppendFieldRef(name, fieldPath);
    }

    public void AppendIfAbsent(IEnumerable<JsonObject> more)
    {
        foreach (var e in more)
            AppendIfAbsent(e);
    }

    /// <summary>Puts a variable taken from a field of the pod first, unless the list has one of that name.</summary>
    public void PrependFieldRefIfAbsent(string name, string fieldPath)
    {
        Writable();
        if (Has(name))
            return;
        var entry = K8sObjects.FieldRefEnv(name, fieldPath);
        entries.Insert(0, entry);
        names.Insert(0, name);
        if (!existed)
            return;
        added!.Add(entry);
        ops!.Add(PatchOp.Add("/0", entry));
    }

    public void SetValue(string name, string value)
    {
        Writable();
        var i = IndexOf(name);
        var had = entries[i].ContainsKey("value");
        if (existed)
        {
            changed!.TryAdd(entries[i], had ? entries[i]["value"].AsString() ?? "" : null);
            ops!.Add(new PatchOp(had ? PatchKind.Replace : PatchKind.Add, $"/{i}/value", JsonValue.Create(value)));
        }
        entries[i]["value"] = value;
    }

    /// <summary>appendOrReplace: a new variable is appended, an existing one gets the new value in place.</summary>
    public void AppendOrReplace(string name, string value)
    {
        if (Has(name))
            SetValue(name, value);
        else
            Append(name, value);
    }

    public void MoveToEnd(string name)
    {
        Writable();
        var i = IndexOf(name);
        if (i < 0 || i == entries.Count - 1)
            return;
        var e = entries[i];
        entries.RemoveAt(i);
        entries.Add(e);
        names.RemoveAt(i);
        names.Add(name);
        if (!existed)
            return;
        moved!.Add(e);
        ops!.Add(PatchOp.Remove($"/{i}"));
        ops.Add(PatchOp.Add("/-", e));
    }

    /// <summary>The list as JSON, a copy: the list goes on changing after (the web servers' clones take the env as it is).</summary>
    public JsonArray ToJson()
    {
        var json = new JsonArray();
        foreach (var e in entries)
            json.Add(e.DeepClone());
        return json;
    }

    /// <summary>The list as JSON, made of the entries themselves: for a new list that is done with, which may not be used after.</summary>
    public JsonArray TakeJson()
    {
        if (existed || view)
            throw new InvalidOperationException("only a new env list hands over its entries");
        var items = new JsonNode?[entries.Count]; // the list made at its length
        for (var i = 0; i < items.Length; i++)
            items[i] = entries[i];
        var json = new JsonArray(items);
        entries.Clear();
        names.Clear();
        return json;
    }

    /// <summary>The operations that turn the container's list into this one, at <paramref name="pointer"/>.</summary>
    public IEnumerable<PatchOp> Operations(string pointer)
    {
        if (existed)
            return ops!.Select(op => op with { Path = pointer + op.Path });
        return entries.Count == 0 ? [] : [PatchOp.Add(pointer, ToJson())];
    }

    /// <summary>
    /// Adds what this list changed to the record: the entries it added, the user's original values and the places of
    /// user entries it moved. Entries an earlier list of this render added to the same container (the record has
    /// them: the last ones of their names) are not the user's.
    /// </summary>
    public void RecordInto(ContainerRecord record)
    {
        if (view)
            return; // a view changes nothing
        if (!existed)
        {
            // a new list is all krm-otel's
            foreach (var e in entries)
                record.AddedEnv.Add(Name(e));
            record.CreatedEnv |= entries.Count > 0;
            return;
        }
        var earlier = Earlier(record.AddedEnv);
        bool Users(JsonObject e) => before.Contains(e) && !earlier.Contains(e);
        foreach (var e in entries.Where(added!.Contains))
            record.AddedEnv.Add(Name(e));
        foreach (var (e, value) in changed!.Where(p => Users(p.Key)))
            record.OriginalValues.TryAdd(Name(e), value);
        foreach (var e in moved!.Where(Users))
            record.MovedFrom.TryAdd(Name(e), before.TakeWhile(b => b != e).Count(b => !earlier.Contains(b)));
    }

    private HashSet<JsonObject> Earlier(AddedNames ours)
    {
        var result = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
        var left = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = before.Length - 1; i >= 0; i--)
        {
            var name = Name(before[i]);
            var n = left.TryGetValue(name, out var l) ? l : ours.Of(name);
            if (n > 0)
                result.Add(before[i]);
            left[name] = n - 1;
        }
        return result;
    }

    public static string Name(JsonObject e) => e.TryGetPropertyValue("name", out var name) ? name.AsString() ?? "" : "";

    /// <summary>The first object of that name in a list of named objects (containers, volumes, env vars).</summary>
    public static JsonObject? Find(JsonArray? list, string name)
    {
        // by index: a list's enumerator is boxed
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            if (list![i] is JsonObject o && Name(o) == name)
                return o;
        }
        return null;
    }

    private void Writable()
    {
        if (view)
            throw new InvalidOperationException("a view of a container's env is not changed");
    }
}
