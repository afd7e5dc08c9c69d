using System.Text.Json.Nodes;

namespace KrmOtel.Patching;

public enum PatchKind
{
    Add,
    Replace,
    Remove,
}

/// <summary>One RFC 6902 operation. Kept as data: applied to the tree, and printed as a JSON6902 patch by eject.</summary>
public sealed record PatchOp(PatchKind Op, string Path, JsonNode? Value = null)
{
    public static PatchOp Add(string path, JsonNode? value) => new(PatchKind.Add, path, value);

    public static PatchOp Replace(string path, JsonNode? value) => new(PatchKind.Replace, path, value);

    public static PatchOp Remove(string path) => new(PatchKind.Remove, path);

    public JsonObject ToJson()
    {
        var o = new JsonObject { ["op"] = Op.ToString().ToLowerInvariant(), ["path"] = Path };
        if (Op != PatchKind.Remove)
            o["value"] = Value?.DeepClone();
        return o;
    }
}
