using System.Text.Json;
using System.Text.Json.Nodes;

namespace KrmOtel.Instrumentation;

/// <summary>Reads typed values out of an object the user wrote, collecting "field: must be …" errors instead of throwing.</summary>
public sealed class NodeReader(List<(string Field, string Message)> errors)
{
    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public string Str(JsonNode? parent, string key, string path, string fallback = "")
    {
        var n = parent?[key];
        if (n is null)
            return fallback;
        if (n.GetValueKind() == JsonValueKind.String)
            return n.GetValue<string>();
        errors.Add((Join(path, key), "must be a string, not " + Config.SchemaChecker.Show(n)));
        return fallback;
    }

    public bool Bool(JsonNode? parent, string key, string path)
    {
        var n = parent?[key];
        if (n is null)
            return false;
        if (n.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return n.GetValue<bool>();
        errors.Add((Join(path, key), "must be true or false, not " + Config.SchemaChecker.Show(n)));
        return false;
    }

    public JsonObject? Obj(JsonNode? parent, string key, string path)
    {
        var n = parent?[key];
        if (n is null or JsonObject)
            return (JsonObject?)n;
        errors.Add((Join(path, key), "must be an object, not " + Config.SchemaChecker.Show(n)));
        return null;
    }

    public IReadOnlyList<string> Strings(JsonNode? parent, string key, string path)
    {
        if (List(parent, key, path) is not { } list)
            return [];
        var result = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i]?.GetValueKind() == JsonValueKind.String)
                result.Add(list[i]!.GetValue<string>());
            else
                errors.Add((Join(path, key) + $"[{i}]", "must be a string, not " + Config.SchemaChecker.Show(list[i])));
        }
        return result;
    }

    /// <summary>An env list: every entry an object with a string name.</summary>
    public IReadOnlyList<JsonObject> EnvList(JsonNode? parent, string key, string path)
    {
        if (List(parent, key, path) is not { } list)
            return [];
        var result = new List<JsonObject>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject e && e["name"]?.GetValueKind() == JsonValueKind.String)
                result.Add(e);
            else
                errors.Add((Join(path, key) + $"[{i}]", "must be an env var object with a name"));
        }
        return result;
    }

    public void Fail(string field, string message) => errors.Add((field, message));

    /// <summary>A list of objects.</summary>
    public IReadOnlyList<JsonObject> Objects(JsonNode? parent, string key, string path)
    {
        if (List(parent, key, path) is not { } list)
            return [];
        var result = new List<JsonObject>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o)
                result.Add(o);
            else
                errors.Add((Join(path, key) + $"[{i}]", "must be an object, not " + Config.SchemaChecker.Show(list[i])));
        }
        return result;
    }

    public IReadOnlyList<KeyValuePair<string, string>> StringMap(JsonNode? parent, string key, string path)
    {
        if (Obj(parent, key, path) is not { } map)
            return [];
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in map)
        {
            if (v?.GetValueKind() == JsonValueKind.String)
                result.Add(new(k, v.GetValue<string>()));
            else
                errors.Add((Join(path, key) + "." + k, "must be a string, not " + Config.SchemaChecker.Show(v)));
        }
        return result;
    }

    private JsonArray? List(JsonNode? parent, string key, string path)
    {
        var n = parent?[key];
        if (n is null or JsonArray)
            return (JsonArray?)n;
        errors.Add((Join(path, key), "must be a list, not " + Config.SchemaChecker.Show(n)));
        return null;
    }
}
