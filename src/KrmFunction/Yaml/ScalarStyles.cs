using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace KrmOtel.Yaml;

/// <summary>
/// How each quoted or block string was written in the input, by node identity, so a re-written object keeps the
/// user's `"true"`, `'x'` and `|` where the function did not touch them. Plain scalars are not recorded.
/// </summary>
public sealed class ScalarStyles
{
    private readonly Dictionary<JsonNode, ScalarStyle> styles = new(ReferenceEqualityComparer.Instance);

    public static ScalarStyles None { get; } = new();

    public void Record(JsonNode node, ScalarStyle style) => styles[node] = style;

    public ScalarStyle Of(JsonNode node) => styles.Count > 0 && styles.TryGetValue(node, out var s) ? s : ScalarStyle.Any;
}
