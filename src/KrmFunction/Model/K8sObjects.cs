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

    // Env vars, mounts and the Go agent's volume and security context are built for every instrumented pod, so they
    // are made directly in the shape Node gives their typed models; K8sObjectsTests holds each to its model.

    public static JsonObject FieldRefEnv(string name, string fieldPath) => new()
    {
        ["name"] = name,
        ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = fieldPath } },
    };

    public static JsonObject Env(string name, string value) => new() { ["name"] = name, ["value"] = value };

    public static JsonObject Mount(string name, string path, bool readOnly = false)
    {
        var mount = new JsonObject { ["name"] = name, ["mountPath"] = path };
        if (readOnly)
            mount["readOnly"] = true;
        return mount;
    }

    /// <summary>A volume with only its name: the caller adds its source.</summary>
    public static JsonObject Volume(string name) => new() { ["name"] = name };

    public static JsonObject HostPathVolume(string name, string path) => new()
    {
        ["name"] = name,
        ["hostPath"] = new JsonObject { ["path"] = path },
    };

    /// <summary>A security context that runs as root, privileged (the Go agent's).</summary>
    public static JsonObject PrivilegedRoot() => new() { ["privileged"] = true, ["runAsUser"] = 0L };

    public static JsonObject Volume(V1Volume volume) => Node(volume, SourceGenerationContext.Default.V1Volume);

    public static JsonObject Container(V1Container container) => Node(container, SourceGenerationContext.Default.V1Container);
}
