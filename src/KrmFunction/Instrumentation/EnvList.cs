using System.Text.Json.Nodes;

namespace KrmOtel.Instrumentation;

/// <summary>A container's env list with the operator's helpers (sdk.go: getIndexOfEnv, appendIfNotSet, moveEnvToListEnd).</summary>
public sealed class EnvList(IEnumerable<JsonObject> entries)
{
    private readonly List<JsonObject> entries = entries.ToList();

    public IReadOnlyList<JsonObject> Entries => entries;

    public int IndexOf(string name) => entries.FindIndex(e => Name(e) == name);

    public bool Has(string name) => IndexOf(name) >= 0;

    /// <summary>The plain value of a variable; "" when absent or set through valueFrom.</summary>
    public string Value(string name) => IndexOf(name) is var i and >= 0 && entries[i]["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public void Append(JsonObject entry) => entries.Add(entry);

    public void AppendIfAbsent(JsonObject entry)
    {
        if (!Has(Name(entry)))
            entries.Add((JsonObject)entry.DeepClone());
    }

    public void AppendIfAbsent(IEnumerable<JsonObject> more)
    {
        foreach (var e in more)
            AppendIfAbsent(e);
    }

    public void PrependIfAbsent(JsonObject entry)
    {
        if (!Has(Name(entry)))
            entries.Insert(0, entry);
    }

    public void SetValue(string name, string value) => entries[IndexOf(name)]["value"] = value;

    public void MoveToEnd(string name)
    {
        var i = IndexOf(name);
        if (i < 0)
            return;
        var e = entries[i];
        entries.RemoveAt(i);
        entries.Add(e);
    }

    public JsonArray ToJson() => new(entries.Select(e => (JsonNode)e.DeepClone()).ToArray());

    public static string Name(JsonObject e) => e["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
