using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KrmOtel.Yaml;

/// <summary>
/// Reads a YAML (or JSON) stream into <see cref="JsonNode"/> trees with kubectl's scalar resolution, keeping each
/// document's source text for lossless pass-through. Knows nothing of Kubernetes beyond an optional
/// "capture the items of this top-level key" for ResourceList envelopes.
/// </summary>
public sealed class YamlReader
{
    private const string MergeKey = "<<";

    // YAML's printable set excludes the C0 controls (but tab, line feed, carriage return) and DEL; YamlDotNet would
    // take a NUL for the end of the stream and drop the rest silently.
    private static readonly System.Buffers.SearchValues<char> NonPrintable = System.Buffers.SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");
    private readonly string text;
    private readonly YamlLimits limits;
    private readonly Dictionary<string, (JsonNode? Node, long Index)> anchors = new(StringComparer.Ordinal);
    private IParser parser = null!;
    private long aliasNodes;
    private long captureStart = -1;
    private long lastMappingEnd;
    private long contentEnd;
    private readonly ScalarStyles styles = new();
    private bool recordStyles = true;
    private bool captureBroken;

    private YamlReader(string text, YamlLimits limits)
    {
        this.text = text;
        this.limits = limits;
    }

    /// <summary>Every document of a stream; null documents (empty, `---` alone) are dropped.</summary>
    public static List<YamlDocument> ReadStream(string text, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        HeapBudget.ForInput(text.Length);
        return ParallelChunks.Read(text, limits, chunk => new YamlReader(chunk, limits).Stream(null).Documents);
    }

    /// <summary>The one-pass reader, without splitting: what <see cref="ReadStream"/> must always agree with.</summary>
    public static List<YamlDocument> ReadStreamInOnePass(string text, YamlLimits? limits = null) =>
        new YamlReader(text, limits ?? YamlLimits.Default).Stream(null).Documents;

    /// <summary>A single-document envelope whose <paramref name="itemsKey"/> sequence items keep their source text.</summary>
    /// <param name="text">the envelope</param>
    /// <param name="itemsKey">the key whose items are captured</param>
    /// <param name="limits">the bounds, <see cref="YamlLimits.Default"/> unless given</param>
    /// <param name="part">a part of a larger input, read alone: no heap budget for it</param>
    public static (JsonNode? Root, List<YamlDocument> Items) ReadEnvelope(string text, string itemsKey, YamlLimits? limits = null, bool part = false)
    {
        if (!part)
            HeapBudget.ForInput(text.Length);
        var result = new YamlReader(text, limits ?? YamlLimits.Default).Stream(itemsKey);
        if (result.Documents.Count > 1)
            throw new YamlInputException("expected one ResourceList document, found " + result.Documents.Count, result.Documents[1].Line);
        return (result.Documents.Count == 0 ? null : result.Documents[0].Root, result.Items);
    }

    private (List<YamlDocument> Documents, List<YamlDocument> Items) Stream(string? itemsKey)
    {
        if (text.Length > limits.MaxInputChars)
            throw new YamlInputException($"input is {text.Length} characters, above the limit of {limits.MaxInputChars}", 1);
        if (text.AsSpan().IndexOfAny(NonPrintable) is var bad and >= 0)
            throw new YamlInputException($"control character U+{(int)text[bad]:X4} is not allowed in YAML", 1 + text.AsSpan(0, bad).Count('\n'));
        var documents = new List<YamlDocument>();
        var items = new List<YamlDocument>();
        try
        {
            parser = new Parser(new FlowAnchorScanner(new Scanner(new StringReader(text))));
            parser.Consume<StreamStart>();
            long regionStart = 0;
            while (!parser.TryConsume<StreamEnd>(out _))
            {
                var start = parser.Consume<DocumentStart>();
                if (documents.Count >= limits.MaxDocuments)
                    throw new YamlInputException($"more than {limits.MaxDocuments} documents", start.Start.Line);
                anchors.Clear();
                var blockRoot = parser.Current is MappingStart { Style: MappingStyle.Block };
                var line = parser.Current!.Start.Line;
                recordStyles = blockRoot || itemsKey is not null;
                var root = itemsKey is null ? Node(0) : Envelope(itemsKey, items);
                var end = parser.Consume<DocumentEnd>();
                if (root is not null)
                {
                    var source = blockRoot ? DocumentSource(regionStart, contentEnd, end.Start.Index) : null;
                    documents.Add(new YamlDocument(root, source, line, styles, source is null ? null : Leading(source)));
                }
                regionStart = end.End.Index;
            }
        }
        catch (YamlException e)
        {
            throw new YamlInputException(e.Message, TabLine(e) ?? e.Start.Line);
        }
        catch (InvalidOperationException e)
        {
            // the scanner gives up on some malformed flow collections without a YamlException
            throw new YamlInputException("malformed YAML: " + e.Message, parser.Current?.Start.Line ?? 1);
        }
        return (documents, items);
    }

    private JsonNode? Envelope(string itemsKey, List<YamlDocument> items)
    {
        if (parser.Current is not MappingStart)
            return Node(0);
        parser.Consume<MappingStart>();
        var obj = new JsonObject();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var (key, keyLine) = Key(1);
            if (key == itemsKey && parser.Current is SequenceStart)
            {
                parser.Consume<SequenceStart>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                    items.Add(CapturedItem());
                AddKey(obj, key, new JsonArray(), keyLine); // the items themselves are returned apart, with their source
            }
            else
            {
                AddKey(obj, key, Node(1), keyLine);
            }
        }
        return obj;
    }

    private YamlDocument CapturedItem()
    {
        var line = parser.Current!.Start.Line;
        if (parser.Current is not MappingStart { Style: MappingStyle.Block } start)
            return new YamlDocument(Node(2), null, line, styles);
        captureStart = start.Start.Index;
        captureBroken = false;
        var comments = CommentsAfterDash((int)start.Start.Index);
        var node = Node(2);
        var source = captureBroken ? null : ItemSource((int)start.Start.Index, (int)contentEnd, (int)lastMappingEnd, (int)start.Start.Column - 1);
        captureStart = -1;
        if (comments is null)
            return new YamlDocument(node, source, line, styles);
        return new YamlDocument(node, source is null ? null : comments + "\n" + source, line, styles, comments);
    }

    // The comment lines between an item's `-` and its first key (`- # Source: chart/templates/cm.yaml`, as kyaml
    // writes a document's head comment into a ResourceList), unindented; null when the key follows the dash.
    private string? CommentsAfterDash(int keyStart)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(keyStart - 1, 0)) + 1;
        if (text.AsSpan(lineStart, keyStart - lineStart).Trim(' ').Length > 0)
            return null;
        var lines = new List<string>();
        while (lineStart > 0)
        {
            var end = lineStart - 1;
            lineStart = text.LastIndexOf('\n', Math.Max(end - 1, 0)) + 1;
            if (end == 0)
                lineStart = 0;
            var body = text[lineStart..end].TrimEnd('\r').Trim(' ');
            if (body.StartsWith('-'))
            {
                var rest = body[1..].TrimStart(' ');
                if (rest.Length > 0 && !rest.StartsWith('#'))
                    return null;
                if (rest.Length > 0)
                    lines.Add(rest);
                break;
            }
            if (body.Length > 0 && !body.StartsWith('#'))
                return null;
            lines.Add(body);
        }
        lines.Reverse();
        return lines.TrueForAll(l => l.Length == 0) ? null : string.Join('\n', lines);
    }

    private JsonNode? Node(int depth)
    {
        if (depth > limits.MaxDepth)
            throw new YamlInputException($"nesting deeper than {limits.MaxDepth} levels", parser.Current!.Start.Line);
        var ev = parser.Current!;
        switch (ev)
        {
            case AnchorAlias alias:
                parser.MoveNext();
                contentEnd = alias.End.Index;
                if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    throw new YamlInputException($"unknown alias *{alias.Value}", alias.Start.Line);
                if (captureStart >= 0 && target.Index < captureStart)
                    captureBroken = true;
                aliasNodes += CountNodes(target.Node);
                if (aliasNodes > limits.MaxAliasNodes)
                    throw new YamlInputException($"aliases expand to more than {limits.MaxAliasNodes} nodes (alias bomb?)", alias.Start.Line);
                return target.Node?.DeepClone();
            case Scalar scalar:
                parser.MoveNext();
                contentEnd = scalar.End.Index;
                var value = ScalarNode(scalar);
                if (recordStyles && value is not null && scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
                    styles.Record(value, scalar.Style);
                Remember(scalar.Anchor.IsEmpty ? "" : scalar.Anchor.Value, value, scalar.Start.Index);
                return value;
            case SequenceStart seq:
                {
                    parser.MoveNext();
                    var array = new JsonArray();
                    Remember(seq.Anchor.IsEmpty ? "" : seq.Anchor.Value, array, seq.Start.Index);
                    while (!parser.TryConsume<SequenceEnd>(out var seqEnd) || FlowEnd(seq.Style == SequenceStyle.Flow, seqEnd))
                        array.Add(Node(depth + 1));
                    return array;
                }
            case MappingStart map:
                {
                    parser.MoveNext();
                    var obj = new JsonObject();
                    Remember(map.Anchor.IsEmpty ? "" : map.Anchor.Value, obj, map.Start.Index);
                    Dictionary<string, JsonNode?>? merged = null;
                    while (true)
                    {
                        if (parser.TryConsume<MappingEnd>(out var mapEnd))
                        {
                            lastMappingEnd = mapEnd.Start.Index;
                            FlowEnd(map.Style == MappingStyle.Flow, mapEnd);
                            break;
                        }
                        var isMerge = parser.Current is Scalar { Value: MergeKey, Style: ScalarStyle.Plain };
                        var (key, keyLine) = Key(depth + 1);
                        var val = Node(depth + 1);
                        if (isMerge)
                            Merge(ref merged, val, keyLine, obj);
                        else if (merged is not null && merged.Remove(key))
                            obj[key] = val; // an explicit key wins over a merged one
                        else
                            AddKey(obj, key, val, keyLine);
                    }
                    if (merged is not null)
                        ApplyMerge(obj, merged);
                    return obj;
                }
            default:
                throw new YamlInputException("unexpected " + ev.GetType().Name, ev.Start.Line);
        }
    }

    // A flow collection's text ends at its closing bracket; always false, to end the loop that called it.
    private bool FlowEnd(bool flow, ParsingEvent end)
    {
        if (flow)
            contentEnd = end.End.Index;
        return false;
    }

    // A scalar key is its text: `y:` is the key "y" (as kyaml reads it), not the boolean go-yaml v2 makes of it.
    private (string Key, long Line) Key(int depth)
    {
        var ev = parser.Current!;
        if (ev is Scalar scalar)
        {
            parser.MoveNext();
            contentEnd = scalar.End.Index;
            if (!scalar.Anchor.IsEmpty)
                Remember(scalar.Anchor.Value, JsonValue.Create(scalar.Value), scalar.Start.Index);
            return (scalar.Value, ev.Start.Line);
        }
        var node = Node(depth);
        return node switch
        {
            null => ("null", ev.Start.Line),
            JsonValue v when v.TryGetValue<string>(out var s) => (s, ev.Start.Line),
            JsonValue v => (v.ToJsonString(), ev.Start.Line),
            _ => throw new YamlInputException("a mapping key must be a scalar", ev.Start.Line),
        };
    }

    private static void AddKey(JsonObject obj, string key, JsonNode? value, long line)
    {
        if (!obj.TryAdd(key, value))
            throw new YamlInputException($"duplicate key \"{key}\"", line);
    }

    // YAML merge keys: explicit keys win, then earlier merge sources over later ones; merged keys keep the position of `<<`.
    private static void Merge(ref Dictionary<string, JsonNode?>? merged, JsonNode? source, long line, JsonObject obj)
    {
        merged ??= new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var sources = source switch
        {
            JsonObject o => [o],
            JsonArray a when a.All(n => n is JsonObject) => a.Cast<JsonObject>().ToList(),
            _ => throw new YamlInputException("the value of a merge key (<<) must be a mapping or a list of mappings", line),
        };
        foreach (var src in sources)
        {
            foreach (var (k, v) in src)
            {
                if (!merged.ContainsKey(k) && !obj.ContainsKey(k))
                {
                    merged[k] = v?.DeepClone();
                    obj[k] = null; // placeholder keeps the position
                }
            }
        }
    }

    private static void ApplyMerge(JsonObject obj, Dictionary<string, JsonNode?> merged)
    {
        foreach (var (k, v) in merged)
            obj[k] = v;
    }

    private void Remember(string anchor, JsonNode? node, long index)
    {
        if (!string.IsNullOrEmpty(anchor))
            anchors[anchor] = (node, index);
    }

    private static long CountNodes(JsonNode? node) => node switch
    {
        JsonObject o => 1 + o.Sum(p => CountNodes(p.Value)),
        JsonArray a => 1 + a.Sum(CountNodes),
        _ => 1,
    };

    private static JsonNode? ScalarNode(Scalar scalar)
    {
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is not null && tag != "!")
        {
            switch (tag)
            {
                case "tag:yaml.org,2002:str":
                case "tag:yaml.org,2002:binary":
                    return JsonValue.Create(scalar.Value);
                case "tag:yaml.org,2002:null":
                    return null;
                case "tag:yaml.org,2002:bool":
                case "tag:yaml.org,2002:int":
                case "tag:yaml.org,2002:float":
                    return ScalarResolver.ResolvePlain(scalar.Value);
            }
        }
        return scalar.Style == ScalarStyle.Plain && tag != "!"
            ? ScalarResolver.ResolvePlain(scalar.Value)
            : JsonValue.Create(scalar.Value);
    }

    // The text between the previous document's end and this one's, without `---` / `...` marker lines. The content,
    // up to the end of its last node (for a `|+` block that includes its trailing blank lines), is kept whole;
    // after it only comments. Convention for every source: source + "\n" reproduces the text.
    private string? DocumentSource(long from, long content, long to)
    {
        // the lines before the content are few: look at each; from the first content line on, the text is taken whole
        var head = new List<string>();
        var pos = (int)from;
        var contentStart = -1;
        while (contentStart < 0)
        {
            var eol = text.IndexOf('\n', pos, (int)content - pos);
            var line = text[pos..(eol < 0 ? (int)content : eol)].TrimEnd('\r');
            if (IsMarker(line, out var rest))
            {
                if (rest.Length > 0 && !rest.StartsWith('#'))
                    return null; // content on the marker line: not a plain block document
            }
            else if (line.StartsWith('%'))
                return null;
            else if (line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
                contentStart = pos;
            else if (line.Trim().Length > 0 || head.Count > 0)
                head.Add(line);
            if (eol < 0)
                break;
            pos = eol + 1;
        }
        var body = contentStart < 0 ? "" : text[contentStart..(int)content];
        if (body.Contains('\r'))
            body = string.Join('\n', body.Split('\n').Select(l => l.TrimEnd('\r')));
        if (head.Count > 0)
            body = string.Join('\n', head) + (contentStart < 0 ? "" : "\n" + body);
        var tail = string.Join('\n', text[(int)content..(int)to].Split('\n').Select(l => l.TrimEnd('\r')).Where(l => !IsMarker(l, out _))).TrimEnd(' ', '\n');
        return WithoutFinalNewline(body + tail);
    }

    // The comment lines above an object's first key (Helm's `# Source:` lines), kept when the object is re-written.
    private static string? Leading(string source)
    {
        var end = 0; // the end of the leading run of comment and blank lines
        while (end < source.Length)
        {
            var eol = source.IndexOf('\n', end);
            var line = source.AsSpan(end, (eol < 0 ? source.Length : eol) - end).TrimStart();
            if (line.Length > 0 && line[0] != '#')
                break;
            end = eol < 0 ? source.Length : eol + 1;
        }
        return end == 0 ? null : source[..end].TrimEnd();
    }

    // YamlDotNet reports a tab in indentation at the start of the stream; point at the line that has it.
    private long? TabLine(YamlException e)
    {
        if (!e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase))
            return null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (lines[i].AsSpan(0, indent).Contains('\t'))
                return i + 1;
        }
        return null;
    }

    private static bool IsMarker(string line, out string rest)
    {
        rest = line.Length >= 3 ? line[3..].Trim() : "";
        return (line.StartsWith("---", StringComparison.Ordinal) || line.StartsWith("...", StringComparison.Ordinal)) && (line.Length == 3 || line[3] is ' ' or '\t');
    }

    // An item of an envelope, re-indented to column 0; null when a line sits left of the item's own column.
    private string? ItemSource(int from, int content, int to, int column)
    {
        var lines = text[from..Math.Max(content, to)].Split('\n');
        var contentLines = text[from..content].Count(c => c == '\n') - (content > from && text[content - 1] == '\n' ? 1 : 0);
        var kept = new List<(string Line, bool Inside)>(lines.Length) { (lines[0].TrimEnd('\r'), true) };
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var body = line.TrimStart(' ');
            var indent = line.Length - body.Length;
            if (i <= contentLines)
                kept.Add((indent >= column ? line[column..] : body, true)); // blank lines of block scalars are content
            else if (body.Length == 0)
                kept.Add(("", false));
            else if (indent >= column)
                kept.Add((line[column..], true));
            else if (body.StartsWith('#'))
                kept.Add((body, false));
            else
                return null;
        }
        // blank lines and comments at a lower indentation after the last key belong to what follows
        while (kept.Count > 1 && !kept[^1].Inside)
            kept.RemoveAt(kept.Count - 1);
        return string.Join('\n', kept.ConvertAll(k => k.Line));
    }

    private static string? WithoutFinalNewline(string s)
    {
        if (s.Trim().Length == 0)
            return null;
        return s.EndsWith('\n') ? s[..^1] : s;
    }

}
