using System.Text.Json.Nodes;

namespace KrmOtel.Model;

/// <summary>Safe reads from trees users wrote: a step through anything but an object yields null, never throws.</summary>
public static class Json
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var key in path)
            node = node is JsonObject o && o.TryGetPropertyValue(key, out var child) ? child : null;
        return node;
    }

    public static string? AsString(this JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
