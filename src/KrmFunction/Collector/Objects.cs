using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

using KrmOtel.Model;

namespace KrmOtel.Collector;

/// <summary>Typed models to JSON trees, through KubernetesClient's source-generated context (no reflection).</summary>
public static class Objects
{
    private static readonly string[] TopOrder = ["apiVersion", "kind", "metadata"];
    private static readonly string[] MetadataOrder = ["name", "namespace", "labels", "annotations"];

    /// <summary>The object with its keys as people write them: apiVersion, kind, metadata (name, namespace first), then the rest.</summary>
    public static JsonObject Node<T>(T value, JsonTypeInfo<T> type)
    {
        var node = K8sObjects.Node(value, type);
        if (node["metadata"] is JsonObject meta)
            node["metadata"] = Reorder(meta, MetadataOrder);
        return Reorder(node, TopOrder);
    }

    private static JsonObject Reorder(JsonObject o, string[] first)
    {
        var ordered = new JsonObject();
        var entries = o.ToList();
        o.Clear();
        foreach (var key in first)
        {
            if (entries.FirstOrDefault(e => e.Key == key) is { Key: not null } e)
                ordered[key] = e.Value;
        }
        foreach (var e in entries.Where(e => !first.Contains(e.Key)))
            ordered[e.Key] = e.Value;
        return ordered;
    }
}
