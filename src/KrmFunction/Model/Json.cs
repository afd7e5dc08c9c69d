using System.Text.Json;
using System.Text.Json.Nodes;

namespace KrmOtel.Model;

/// <summary>Safe reads from trees users wrote: a step through anything but an object yields null, never throws.</summary>
public static class Json
{
    public static JsonNode? At(this JsonNode? node, params ReadOnlySpan<string> path)
    {
        foreach (var key in path)
            node = node is JsonObject o && o.TryGetPropertyValue(key, out var child) ? child : null;
        return node;
    }

    /// <summary>The string a value holds; null for any other node.</summary>
    /// <remarks>
    /// Not <c>TryGetValue&lt;string&gt;</c>: a generic virtual method, looked up at run time on every call, and
    /// strings are read everywhere. A string value's ToString is the string itself; the values of these trees are
    /// made by JsonValue.Create or parsed (the tests' JsonTests hold each kind to TryGetValue).
    /// </remarks>
    public static string? AsString(this JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.ToString() : null;

    /// <summary>The string values of an object (labels, annotations) by key, ordinal; empty for anything but an object.</summary>
    public static Dictionary<string, string> StringMap(this JsonNode? node)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject o)
        {
            foreach (var (k, v) in o)
            {
                if (v.AsString() is { } s)
                    result[k] = s;
            }
        }
        return result;
    }

    /// <summary>The key is there with a null value (`env:` alone, as templates leave it), which is not the key being absent.</summary>
    public static bool HoldsNull(this JsonObject o, string key) => o.TryGetPropertyValue(key, out var v) && v is null;
}
