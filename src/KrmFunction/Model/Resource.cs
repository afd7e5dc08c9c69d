using System.Text.Json.Nodes;
using KrmOtel.Yaml;

namespace KrmOtel.Model;

/// <summary>
/// One KRM object of the render: its tree, the source text it was read from (for byte-faithful pass-through while
/// untouched) and where it came from. <see cref="Changed"/> turns true once anything edits the tree.
/// </summary>
public sealed class Resource(JsonObject node, string? source, FileRef? file, ScalarStyles? styles = null, string? leadingComments = null)
{
    public ScalarStyles Styles { get; } = styles ?? ScalarStyles.None;

    /// <summary>Comment lines above the object's first key, written again if the object changes.</summary>
    public string? LeadingComments { get; } = leadingComments;

    public JsonObject Node { get; } = node;

    /// <summary>The original text, null when the object is generated, was not block YAML, or has changed.</summary>
    public string? Source { get; private set; } = source;

    public FileRef? File { get; } = file ?? Annotations.FileOf(node);

    public bool Changed => Source is null;

    // what the object is, read once: every pass asks, and only a change to the tree can alter it
    private (string ApiVersion, string Kind, string Name, string? Namespace, string Group)? id;

    private (string ApiVersion, string Kind, string Name, string? Namespace, string Group) Id => id ??= ReadId();

    public string ApiVersion => Id.ApiVersion;

    public string Kind => Id.Kind;

    public string Name => Id.Name;

    public string? Namespace => Id.Namespace;

    public string Group => Id.Group;

    public ResourceRef Ref => new(ApiVersion, Kind, Name, Namespace);

    public bool IsLocalConfig => Annotations.Get(Node, Annotations.LocalConfig) is { } v && v.Equals("true", StringComparison.OrdinalIgnoreCase);

    public bool Is(string group, string kind) => Group == group && Kind == kind;

    private readonly List<Patching.PatchOp> patch = [];

    // the recorded operations whose value is the tree's own node (not a copy of it)
    private List<int>? adopted;

    /// <summary>Every RFC 6902 operation applied to this object, in order: replayed on the input they give the output.</summary>
    public IReadOnlyList<Patching.PatchOp> Patch => patch;

    /// <summary>Marks the tree as edited: from now on it is written from <see cref="Node"/>.</summary>
    public void MarkChanged()
    {
        Source = null;
        id = null;
    }

    /// <summary>
    /// Applies one operation to the tree and records it. A new value goes into the tree as it is, not copied: the
    /// record copies it only if a later operation changes something inside it.
    /// </summary>
    public void Apply(Patching.PatchOp op)
    {
        var target = Patching.PatchApplier.Target(Node, op);
        KeepRecordOf(target.Parent);
        var shared = op.Value is JsonObject or JsonArray && Patching.PatchApplier.Adoptable(op);
        Patching.PatchApplier.Apply(target, op, adopt: true);
        if (shared)
            (adopted ??= []).Add(patch.Count);
        patch.Add(op);
        Source = null;
        if (MayChangeId(op.Path))
            id = null;
    }

    // the operations of a render go inside the spec or the annotations: what the object is stays read
    private static bool MayChangeId(string path) =>
        path.Length == 0 || path == "/metadata" || path.StartsWith("/metadata/name", StringComparison.Ordinal)
        || path.StartsWith("/apiVersion", StringComparison.Ordinal) || path.StartsWith("/kind", StringComparison.Ordinal);

    // Something inside a node the record shares with the tree is about to change: the record keeps it as it was.
    private void KeepRecordOf(JsonNode parent)
    {
        if (adopted is null)
            return;
        for (JsonNode? node = parent; node is not null; node = node.Parent)
        {
            for (var i = adopted.Count - 1; i >= 0; i--)
            {
                if (ReferenceEquals(patch[adopted[i]].Value, node))
                {
                    patch[adopted[i]] = patch[adopted[i]] with { Value = node.DeepClone() };
                    adopted.RemoveAt(i);
                }
            }
        }
    }

    private (string, string, string, string?, string) ReadId()
    {
        var apiVersion = Str(Node["apiVersion"]);
        var slash = apiVersion.IndexOf('/');
        var ns = Node.At("metadata", "namespace").AsString() is { Length: > 0 } s ? s : null;
        return (apiVersion, Str(Node["kind"]), Str(Node.At("metadata", "name")), ns, slash < 0 ? "" : apiVersion[..slash]);
    }

    private static string Str(JsonNode? n) => n.AsString() ?? "";
}
