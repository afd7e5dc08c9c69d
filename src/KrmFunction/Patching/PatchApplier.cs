using System.Globalization;
using System.Text.Json.Nodes;

namespace KrmOtel.Patching;

public sealed class PatchException(string message) : Exception(message);

/// <summary>Applies RFC 6902 add / replace / remove to a <see cref="JsonNode"/> tree, in order, in place.</summary>
public static class PatchApplier
{
    public static void Apply(JsonNode root, IEnumerable<PatchOp> ops)
    {
        foreach (var op in ops)
            Apply(root, op);
    }

    public static void Apply(JsonNode root, PatchOp op)
    {
        var tokens = JsonPointer.Parse(op.Path);
        if (tokens.Length == 0)
            throw new PatchException("operations on the whole document are not supported");
        var parent = Walk(root, tokens.AsSpan(0, tokens.Length - 1), op.Path);
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                ApplyToObject(obj, last, op);
                break;
            case JsonArray array:
                ApplyToArray(array, last, op);
                break;
            default:
                throw new PatchException($"{op.Path}: parent is not an object or a list");
        }
    }

    private static void ApplyToObject(JsonObject obj, string key, PatchOp op)
    {
        switch (op.Op)
        {
            case PatchKind.Add:
                obj[key] = op.Value?.DeepClone();
                break;
            case PatchKind.Replace:
                if (!obj.ContainsKey(key))
                    throw new PatchException($"{op.Path}: replace of a missing member");
                obj[key] = op.Value?.DeepClone();
                break;
            case PatchKind.Remove:
                if (!obj.Remove(key))
                    throw new PatchException($"{op.Path}: remove of a missing member");
                break;
        }
    }

    private static void ApplyToArray(JsonArray array, string token, PatchOp op)
    {
        if (token == "-" && op.Op == PatchKind.Add)
        {
            array.Add(op.Value?.DeepClone());
            return;
        }
        var index = Index(token, op.Path);
        var max = op.Op == PatchKind.Add ? array.Count : array.Count - 1;
        if (index > max)
            throw new PatchException($"{op.Path}: index {index} out of range");
        switch (op.Op)
        {
            case PatchKind.Add:
                array.Insert(index, op.Value?.DeepClone());
                break;
            case PatchKind.Replace:
                array[index] = op.Value?.DeepClone();
                break;
            case PatchKind.Remove:
                array.RemoveAt(index);
                break;
        }
    }

    private static JsonNode Walk(JsonNode root, ReadOnlySpan<string> tokens, string path)
    {
        var node = root;
        foreach (var token in tokens)
        {
            node = node switch
            {
                JsonObject o when o.TryGetPropertyValue(token, out var child) && child is not null => child,
                JsonArray a when Index(token, path) is var i && i < a.Count && a[i] is { } item => item,
                _ => throw new PatchException($"{path}: \"{token}\" does not exist"),
            };
        }
        return node;
    }

    private static int Index(string token, string path) =>
        token.Length > 0 && !token.AsSpan().ContainsAnyExceptInRange('0', '9') && (token == "0" || token[0] != '0') && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            ? i
            : throw new PatchException($"{path}: \"{token}\" is not a list index");
}
