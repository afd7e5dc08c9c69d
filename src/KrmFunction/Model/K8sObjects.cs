using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace KrmOtel.Model;

/// <summary>Objects the function builds, made from KubernetesClient's typed models and serialised with its source-generated context.</summary>
public static class K8sObjects
{
    /// <summary>
    /// The object as JSON made of plain values (not views over a serialized buffer, which would be transcoded on every
    /// read), with "name" first as people write it (the serializer orders fields alphabetically).
    /// </summary>
    public static JsonObject Node<T>(T value, JsonTypeInfo<T> type)
    {
        var reader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(value, type));
        reader.Read();
        return (JsonObject)Read(ref reader)!;
    }

    // the value that starts at the reader's token, the reader left on its last token
    private static JsonNode? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var properties = new List<KeyValuePair<string, JsonNode?>>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    var property = KeyValuePair.Create(key, Read(ref reader));
                    if (key == "name")
                        properties.Insert(0, property);
                    else
                        properties.Add(property);
                }
                return new JsonObject(properties);
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    array.Add(Read(ref reader));
                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString());
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var l) ? JsonValue.Create(l) : Yaml.RawNumber.Create(System.Text.Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.True:
                return JsonValue.Create(true);
            case JsonTokenType.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
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
