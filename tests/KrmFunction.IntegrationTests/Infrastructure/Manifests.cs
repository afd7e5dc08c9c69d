using System.Text;
using YamlDotNet.RepresentationModel;

namespace KrmOtel.IntegrationTests.Infrastructure;

/// <summary>A parsed multi-document YAML stream of Kubernetes objects, for structural assertions.</summary>
public sealed class Manifests
{
    private Manifests(IReadOnlyList<YamlMappingNode> objects)
    {
        Objects = objects;
    }

    public IReadOnlyList<YamlMappingNode> Objects { get; }

    public static Manifests Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var objects = stream.Documents
            .Select(d => d.RootNode)
            .Where(n => n is not YamlScalarNode { Value: null or "" or "null" or "~" })
            .Select(n => n as YamlMappingNode ?? throw new InvalidOperationException($"document at {n.Start} is not a mapping"))
            .ToList();
        return new Manifests(objects);
    }

    public static Manifests Load(string path) => Parse(File.ReadAllText(path));

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => Scalar(o, "kind") == kind);

    public YamlMappingNode? Find(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => Scalar(o, "metadata", "name") == name);

    public YamlMappingNode Get(string kind, string name) =>
        Find(kind, name) ?? throw new Xunit.Sdk.XunitException($"no {kind}/{name} among: {string.Join(", ", Objects.Select(Describe))}");

    public static string Describe(YamlMappingNode o) => $"{Scalar(o, "kind")}/{Scalar(o, "metadata", "name")}";

    /// <summary>The node at a path of mapping keys (string) and sequence indexes (int), or null.</summary>
    public static YamlNode? At(YamlNode node, params object[] path)
    {
        YamlNode? current = node;
        foreach (var step in path)
        {
            current = (current, step) switch
            {
                (YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null,
                (YamlSequenceNode seq, int index) => ItemAt(seq, index),
                _ => null,
            };
            if (current is null)
                return null;
        }

        return current;
    }

    private static YamlNode? ItemAt(YamlSequenceNode seq, int index)
    {
        var i = index < 0 ? seq.Children.Count + index : index;
        return i >= 0 && i < seq.Children.Count ? seq.Children[i] : null;
    }

    public static string? Scalar(YamlNode node, params object[] path) => (At(node, path) as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlNode> Sequence(YamlNode node, params object[] path) =>
        (At(node, path) as YamlSequenceNode)?.Children.ToList() ?? [];

    /// <summary>The sequence item whose <c>name</c> is <paramref name="name"/> (containers, env, volumes, mounts).</summary>
    public static YamlMappingNode? Named(IEnumerable<YamlNode> items, string name) =>
        items.OfType<YamlMappingNode>().FirstOrDefault(i => Scalar(i, "name") == name);

    /// <summary>A key-sorted, style-free rendering of a node: equal for semantically equal YAML.</summary>
    public static string Canonical(YamlNode? node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(YamlNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case YamlScalarNode scalar:
                text.Append('"').Append(scalar.Value?.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
                break;
            case YamlSequenceNode seq:
                text.Append('[');
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    if (i > 0)
                        text.Append(',');
                    Write(seq.Children[i], text);
                }

                text.Append(']');
                break;
            case YamlMappingNode map:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in map.Children.OrderBy(c => ((YamlScalarNode)c.Key).Value, StringComparer.Ordinal))
                {
                    if (!first)
                        text.Append(',');
                    first = false;
                    Write(key, text);
                    text.Append(':');
                    Write(value, text);
                }

                text.Append('}');
                break;
            default:
                throw new InvalidOperationException($"unexpected YAML node {node.NodeType}");
        }
    }
}
