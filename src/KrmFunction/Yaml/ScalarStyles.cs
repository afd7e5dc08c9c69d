using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace KrmOtel.Yaml;

/// <summary>
/// How each quoted or block string was written in the input, by node identity, so a re-written object keeps the
/// user's `"true"`, `'x'` and `|` where the function did not touch them. Plain scalars are not recorded.
/// </summary>
public sealed class ScalarStyles
{
    // An object has few quoted strings, and every scalar written is looked up: up to a few, a list is searched by
    // reference (no identity hash to make for each new node), beyond that a dictionary.
    private const int Few = 16;
    private JsonNode[] fewNodes = [];
    private ScalarStyle[] fewStyles = [];
    private int count;
    private Dictionary<JsonNode, ScalarStyle>? many;

    public static ScalarStyles None { get; } = new();

    public void Record(JsonNode node, ScalarStyle style)
    {
        if (many is null && IndexOf(node) is var i and >= 0)
            fewStyles[i] = style;
        else if (many is null && count < Few)
        {
            if (count == 0)
                (fewNodes, fewStyles) = (new JsonNode[Few], new ScalarStyle[Few]);
            fewNodes[count] = node;
            fewStyles[count++] = style;
        }
        else
        {
            if (many is null)
            {
                many = new Dictionary<JsonNode, ScalarStyle>(ReferenceEqualityComparer.Instance);
                for (var k = 0; k < count; k++)
                    many[fewNodes[k]] = fewStyles[k];
                (fewNodes, fewStyles, count) = ([], [], 0);
            }
            many[node] = style;
        }
    }

    public ScalarStyle Of(JsonNode node)
    {
        if (many is not null)
            return many.TryGetValue(node, out var s) ? s : ScalarStyle.Any;
        return IndexOf(node) is var i and >= 0 ? fewStyles[i] : ScalarStyle.Any;
    }

    private int IndexOf(JsonNode node)
    {
        var nodes = fewNodes;
        for (var i = 0; i < count && i < nodes.Length; i++)
        {
            if (ReferenceEquals(nodes[i], node))
                return i;
        }
        return -1;
    }
}
