using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>
/// User fields copied verbatim into the typed models: a fragment of the target object, deserialized source-generated.
/// What the model cannot hold is an error; what it would drop without a word (a key it does not know) is a warning.
/// </summary>
public sealed class Typed(Resource cr, List<Finding> findings)
{
    private readonly HashSet<string> reported = new(StringComparer.Ordinal);

    /// <summary>The named fields of <paramref name="source"/> (found at <paramref name="at"/>), renamed where the target calls them differently, as <typeparamref name="T"/>.</summary>
    /// <param name="others">when set, <paramref name="source"/> is read whole: keys neither in <paramref name="fields"/> nor here are reported too</param>
    public T From<T>(JsonObject source, string at, (string From, string To)[] fields, JsonTypeInfo<T> type, string[]? others = null)
        where T : new()
    {
        var fragment = new JsonObject();
        foreach (var (from, to) in fields)
        {
            if (source[from] is { } v)
                fragment[to] = v.DeepClone();
        }
        if (others is not null)
        {
            foreach (var (key, _) in source.Where(p => p.Value is not null && !others.Contains(p.Key) && !fields.Any(f => f.From == p.Key)))
                Dropped($"{at}.{key}");
        }
        if (fragment.Count == 0)
            return new T();
        T value;
        try
        {
            value = JsonSerializer.Deserialize(fragment, type) ?? new T();
        }
        catch (JsonException e) when (e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal))
        {
            // the runtime's message is a resource key in the AOT binary; the path names the field within the fragment
            findings.Add(Finding.Error($"cannot read {at}: {path[2..]} has a type the Kubernetes field cannot hold", cr, at));
            return new T();
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            findings.Add(Finding.Error($"cannot read {at}.{{{string.Join(",", fields.Select(f => f.From))}}}: {e.Message}", cr, at));
            return new T();
        }
        var kept = JsonSerializer.SerializeToNode(value, type);
        foreach (var (from, to) in fields)
            Compare(fragment[to], kept?[to], $"{at}.{from}");
        return value;
    }

    public static (string, string)[] Same(params string[] names) => [.. names.Select(n => (n, n))];

    // every key of the input with a value must come out of the model again
    private void Compare(JsonNode? input, JsonNode? kept, string path)
    {
        switch (input)
        {
            case JsonObject o:
                foreach (var (key, v) in o.Where(p => p.Value is not null))
                {
                    if (kept is JsonObject k && k[key] is { } next)
                        Compare(v, next, $"{path}.{key}");
                    else
                        Dropped($"{path}.{key}");
                }
                break;
            case JsonArray a when kept is JsonArray k && k.Count == a.Count:
                for (var i = 0; i < a.Count; i++)
                    Compare(a[i], k[i], $"{path}[{i}]");
                break;
        }
    }

    private void Dropped(string path)
    {
        if (reported.Add(path))
            findings.Add(Finding.Warning("unknown field: dropped, as the API server prunes it from the CR before the operator sees it", cr, path));
    }
}
