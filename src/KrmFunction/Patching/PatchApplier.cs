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

    /// <summary>Applies a copy of the operation's value: the operation stays as it was, to be applied again.</summary>
    public static void Apply(JsonNode root, PatchOp op) => Apply(Target(root, op), op, adopt: false);

    /// <summary>The object or list the operation's path ends in, and the last token of the path.</summary>
    public static (JsonNode Parent, string Token) Target(JsonNode root, PatchOp op)
    {
        var tokens = Tokens(op.Path);
        if (tokens.Length == 0)
            throw new PatchException("operations on the whole document are not supported");
        return (Walk(root, tokens.AsSpan(0, tokens.Length - 1), op.Path), tokens[^1]);
    }

    /// <summary>
    /// Applies the operation at its <paramref name="target"/>. With <paramref name="adopt"/> a value that is in no
    /// tree (<see cref="Adoptable"/>) becomes the tree's node itself, not a copy of it.
    /// </summary>
    public static void Apply((JsonNode Parent, string Token) target, PatchOp op, bool adopt)
    {
        var value = adopt && Adoptable(op) ? op.Value : op.Value?.DeepClone();
        switch (target.Parent)
        {
            case JsonObject obj:
                ApplyToObject(obj, target.Token, op, value);
                break;
            case JsonArray array:
                ApplyToArray(array, target.Token, op, value);
                break;
            default:
                throw new PatchException($"{op.Path}: parent is not an object or a list");
        }
    }

    /// <summary>The operation's value is in no tree: it can become the tree's node itself.</summary>
    public static bool Adoptable(PatchOp op) => op.Value is { Parent: null };

    private static void ApplyToObject(JsonObject obj, string key, PatchOp op, JsonNode? value)
    {
        switch (op.Op)
        {
            case PatchKind.Add:
                obj[key] = value;
                break;
            case PatchKind.Replace:
                if (!obj.ContainsKey(key))
                    throw new PatchException($"{op.Path}: replace of a missing member");
                obj[key] = value;
                break;
            case PatchKind.Remove:
                if (!obj.Remove(key))
                    throw new PatchException($"{op.Path}: remove of a missing member");
                break;
        }
    }

    private static void ApplyToArray(JsonArray array, string token, PatchOp op, JsonNode? value)
    {
        if (token == "-" && op.Op == PatchKind.Add)
        {
            array.Add(value);
            return;
        }
        var index = Index(token, op.Path);
        var max = op.Op == PatchKind.Add ? array.Count : array.Count - 1;
        if (index > max)
            throw new PatchException($"{op.Path}: index {index} out of range");
        switch (op.Op)
        {
            case PatchKind.Add:
                array.Insert(index, value);
                break;
            case PatchKind.Replace:
                array[index] = value;
                break;
            case PatchKind.Remove:
                array.RemoveAt(index);
                break;
        }
    }

    // The same paths come back for every pod ("/spec/template/spec/containers/-"): each thread keeps the tokens of
    // the first thousand it has split, read only.
    [ThreadStatic]
    private static Dictionary<string, string[]>? split;

    private static string[] Tokens(string path)
    {
        var cache = split ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (cache.TryGetValue(path, out var tokens))
            return tokens;
        tokens = JsonPointer.Parse(path);
        if (cache.Count < 1024)
            cache[path] = tokens;
        return tokens;
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
