using System.Text;

namespace KrmOtel.Tests.Properties;

/// <summary>
/// A YAML document as the generators build it: nodes carry the exact text of their scalars (plain, quoted, tagged,
/// block), their anchors, flow or block style and comments, so the generated TEXT exercises the YAML layer while the
/// shrinker can still take the tree apart.
/// </summary>
public abstract record YNode
{
    public string? Anchor { get; init; }
}

/// <summary>A scalar as written; a '\n' in <see cref="Text"/> continues the scalar on an indented line; "" is an empty (null) value.</summary>
public sealed record YScalar(string Text) : YNode;

/// <summary>A block scalar: header (| |- |+ > >- >+) and its content lines, unindented ("" for a blank line).</summary>
public sealed record YBlock(string Header, IReadOnlyList<string> Lines) : YNode;

public sealed record YMap(IReadOnlyList<YEntry> Entries, bool Flow = false) : YNode;

/// <summary>A sequence; in block style under a key its items are flush with the key unless <see cref="Indented"/>.</summary>
public sealed record YSeq(IReadOnlyList<YNode> Items, bool Flow = false, bool Indented = false) : YNode;

public sealed record YAlias(string Name) : YNode;

/// <summary>A key (as written: plain, quoted, or "&lt;&lt;" for a merge), its value, an end-of-line comment and comment lines above it.</summary>
public sealed record YEntry(string Key, YNode Value, string? Comment = null, IReadOnlyList<string>? Above = null)
{
    public bool IsMerge => Key == "<<";
}

/// <summary>One document: comment lines above it, the root mapping (block, or one-line JSON), comment lines below it.</summary>
public sealed record YDoc(YMap Root, IReadOnlyList<string>? Leading = null, IReadOnlyList<string>? Trailing = null, bool Json = false)
{
    /// <summary>The document's text, ending with one newline.</summary>
    public string Text => YamlText.Document(this);

    public override string ToString() => Text;
}

/// <summary>Writes the model as YAML text.</summary>
public static class YamlText
{
    public static string Stream(IEnumerable<YDoc> docs, bool leadingMarker = false) =>
        (leadingMarker ? "---\n" : "") + string.Join("---\n", docs.Select(d => d.Text));

    public static string Document(YDoc doc)
    {
        var sb = new StringBuilder();
        foreach (var c in doc.Leading ?? [])
            sb.Append(Comment(c)).Append('\n');
        if (doc.Json)
            sb.Append(JsonText(doc.Root)).Append('\n');
        else
            Entries(sb, doc.Root.Entries, 0, firstAfterDash: false);
        foreach (var c in doc.Trailing ?? [])
            sb.Append(Comment(c)).Append('\n');
        return sb.ToString();
    }

    /// <summary>The document with metadata.name set to <paramref name="name"/> (to put many generated documents in one package).</summary>
    public static YDoc Renamed(YDoc doc, string name)
    {
        YEntry Rename(YEntry e) => YamlGen.KeyValue(e.Key) == "name" ? e with { Value = new YScalar(doc.Json ? $"\"{name}\"" : name) } : e;
        return doc with
        {
            Root = doc.Root with
            {
                Entries = doc.Root.Entries.Select(e => YamlGen.KeyValue(e.Key) == "metadata" && e.Value is YMap m ? e with { Value = m with { Entries = m.Entries.Select(Rename).ToList() } } : e).ToList(),
            },
        };
    }

    private static string Comment(string text) => text.Length == 0 ? "#" : "# " + text;

    private static void Entries(StringBuilder sb, IReadOnlyList<YEntry> entries, int indent, bool firstAfterDash)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (!(firstAfterDash && i == 0))
            {
                foreach (var c in e.Above ?? [])
                    sb.Append(' ', indent).Append(Comment(c)).Append('\n');
                sb.Append(' ', indent);
            }
            sb.Append(e.Key).Append(':');
            Value(sb, e.Value, indent, e.Comment, afterDash: false);
        }
    }

    // after "key:" (the key at indent) or "-" (the dash at indent)
    private static void Value(StringBuilder sb, YNode value, int indent, string? comment, bool afterDash)
    {
        var anchor = value.Anchor is null ? "" : " &" + value.Anchor;
        var tail = comment is null ? "" : " " + Comment(comment);
        switch (value)
        {
            case YAlias a:
                sb.Append(" *").Append(a.Name).Append(tail).Append('\n');
                break;
            case YScalar s:
                sb.Append(anchor);
                if (s.Text.Length > 0)
                    sb.Append(' ').Append(s.Text.Replace("\n", "\n" + new string(' ', indent + 2), StringComparison.Ordinal));
                sb.Append(tail).Append('\n');
                break;
            case YBlock b:
                sb.Append(anchor).Append(' ').Append(b.Header).Append(tail).Append('\n');
                foreach (var line in b.Lines)
                {
                    if (line.Length > 0)
                        sb.Append(' ', indent + 2);
                    sb.Append(line).Append('\n');
                }
                break;
            case YMap m when m.Flow || m.Entries.Count == 0:
                sb.Append(anchor).Append(' ').Append(Flow(m)).Append(tail).Append('\n');
                break;
            case YSeq q when q.Flow || q.Items.Count == 0:
                sb.Append(anchor).Append(' ').Append(Flow(q)).Append(tail).Append('\n');
                break;
            case YMap m:
                sb.Append(anchor).Append(tail).Append('\n');
                Entries(sb, m.Entries, indent + 2, firstAfterDash: false);
                break;
            case YSeq q:
                sb.Append(anchor).Append(tail).Append('\n');
                Items(sb, q.Items, afterDash || q.Indented ? indent + 2 : indent);
                break;
            default:
                throw new InvalidOperationException("unknown node " + value);
        }
    }

    private static void Items(StringBuilder sb, IReadOnlyList<YNode> items, int indent)
    {
        foreach (var item in items)
        {
            if (item is YMap { Flow: false, Entries.Count: > 0, Anchor: null } inline)
            {
                foreach (var c in inline.Entries[0].Above ?? [])
                    sb.Append(' ', indent).Append(Comment(c)).Append('\n');
                sb.Append(' ', indent).Append("- ");
                Entries(sb, inline.Entries, indent + 2, firstAfterDash: true);
            }
            else if (item is YMap { Flow: false, Entries.Count: > 0 } anchored)
            {
                sb.Append(' ', indent).Append("- &").Append(anchored.Anchor).Append('\n');
                Entries(sb, anchored.Entries, indent + 2, firstAfterDash: false);
            }
            else
            {
                sb.Append(' ', indent).Append('-');
                Value(sb, item, indent, null, afterDash: true);
            }
        }
    }

    /// <summary>Flow style: only flow-safe scalars are ever put here by the generators.</summary>
    public static string Flow(YNode node) => node switch
    {
        YMap m => "{" + string.Join(", ", m.Entries.Select(e => e.Key + ": " + FlowItem(e.Value))) + "}",
        YSeq q => "[" + string.Join(", ", q.Items.Select(FlowItem)) + "]",
        _ => throw new InvalidOperationException("not a collection"),
    };

    private static string FlowItem(YNode node) => node switch
    {
        YAlias a => "*" + a.Name,
        YScalar s => (node.Anchor is null ? "" : "&" + node.Anchor + " ") + s.Text,
        YMap or YSeq => (node.Anchor is null ? "" : "&" + node.Anchor + " ") + Flow(node),
        _ => throw new InvalidOperationException("not flow-safe: " + node),
    };

    // a JSON document (JSON is YAML): only for trees of JSON-safe scalars (the generator builds those apart)
    private static string JsonText(YNode node) => node switch
    {
        YMap m => "{" + string.Join(", ", m.Entries.Select(e => e.Key + ": " + JsonText(e.Value))) + "}",
        YSeq q => "[" + string.Join(", ", q.Items.Select(JsonText)) + "]",
        YScalar s => s.Text,
        _ => throw new InvalidOperationException("not JSON: " + node),
    };
}
