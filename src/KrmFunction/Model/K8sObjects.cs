using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace KrmOtel.Model;

/// <summary>Objects the function builds, made from KubernetesClient's typed models and serialised with its source-generated context.</summary>
public static class K8sObjects
{
    /// <summary>The object as JSON, with "name" first as people write it (the serializer orders fields alphabetically).</summary>
    public static JsonObject Node<T>(T value, JsonTypeInfo<T> type)
    {
        var node = JsonSerializer.SerializeToNode(value, type)!.AsObject();
        return Ordered(node) ? node : NameFirst(node);
    }

    private static bool Ordered(JsonNode? node) => node switch
    {
        JsonObject o => (!o.ContainsKey("name") || o.First().Key == "name") && o.All(p => Ordered(p.Value)),
        JsonArray a => a.All(Ordered),
        _ => true,
    };

    private static JsonObject NameFirst(JsonObject node)
    {
        var ordered = new JsonObject();
        if (node["name"] is { } name)
            ordered["name"] = name.DeepClone();
        foreach (var (k, v) in node)
        {
            if (k != "name")
                ordered[k] = v switch
                {
                    JsonObject o => NameFirst(o),
                    JsonArray a => new JsonArray(a.Select(i => i is JsonObject o ? NameFirst(o) : i?.DeepClone()).ToArray()),
                    _ => v?.DeepClone(),
                };
        }
        return ordered;
    }

    public static JsonObject FieldRefEnv(string name, string fieldPath) => Node(
        new V1EnvVar { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = fieldPath } } },
        SourceGenerationContext.Default.V1EnvVar);

    public static JsonObject Env(string name, string value) =>
        Node(new V1EnvVar { Name = name, Value = value }, SourceGenerationContext.Default.V1EnvVar);

    public static JsonObject Mount(string name, string path, bool readOnly = false) =>
        Node(new V1VolumeMount { Name = name, MountPath = path, ReadOnlyProperty = readOnly ? true : null }, SourceGenerationContext.Default.V1VolumeMount);

    public static JsonObject Volume(V1Volume volume) => Node(volume, SourceGenerationContext.Default.V1Volume);

    public static JsonObject Container(V1Container container) => Node(container, SourceGenerationContext.Default.V1Container);
}
