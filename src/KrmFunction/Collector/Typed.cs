using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>User fields copied verbatim into the typed models: a fragment of the target object, deserialized source-generated.</summary>
public sealed class Typed(Resource cr, List<Finding> findings)
{
    /// <summary>The fragment as <typeparamref name="T"/>; a value the model cannot hold becomes an error naming the fields.</summary>
    public T From<T>(JsonObject fragment, JsonTypeInfo<T> type, string fields)
        where T : new()
    {
        try
        {
            return fragment.Count == 0 ? new T() : JsonSerializer.Deserialize(fragment, type) ?? new T();
        }
        catch (JsonException e) when (e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal))
        {
            // the runtime's message is a resource key in the AOT binary; the path names the field within the fragment
            findings.Add(Finding.Error($"cannot read {fields}: {path[2..]} has a type the Kubernetes field cannot hold", cr, "spec"));
            return new T();
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            findings.Add(Finding.Error($"cannot read {fields}: {e.Message}", cr, "spec"));
            return new T();
        }
    }

    /// <summary>Copies the named spec fields (renamed where the target calls them differently) into a fragment.</summary>
    public static JsonObject Pick(JsonObject spec, params (string From, string To)[] fields)
    {
        var fragment = new JsonObject();
        foreach (var (from, to) in fields)
        {
            if (spec[from] is { } v)
                fragment[to] = v.DeepClone();
        }
        return fragment;
    }

    public static (string, string)[] Same(params string[] names) => [.. names.Select(n => (n, n))];
}
