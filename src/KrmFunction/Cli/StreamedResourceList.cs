using System.Text;
using KrmOtel.Config;
using KrmOtel.Model;
using KrmOtel.Protocol;
using KrmOtel.Rendering;
using KrmOtel.Yaml;

namespace KrmOtel.Cli;

/// <summary>
/// A ResourceList rendered one item's tree at a time (<see cref="DocumentPasses"/>). The items are cut apart by their
/// text: in the block sequence under the top-level `items:` key, an item begins at each dash in the sequence's
/// column, and nothing else can begin there. Only a render that succeeds is streamed: where the envelope is not that
/// plain, or anything is refused, the whole-envelope reader (<see cref="ResourceListCommand"/>) does it all again,
/// so refusals and their findings are exactly its own.
/// </summary>
public static class StreamedResourceList
{
    /// <returns>the exit code, or null where the whole-envelope reader must render instead (nothing written)</returns>
    public static int? Run(ReadOnlyMemory<byte> input, StdStreams io)
    {
        if (Cut(input.Span) is not { } cut)
            return null;
        var findings = new List<Finding>();
        ResourceListInput envelope;
        try
        {
            var rest = Encoding.UTF8.GetString(input.Span[..cut.ItemsLine]) + "items: []\n" + Encoding.UTF8.GetString(input.Span[cut.End..]);
            var (root, _) = YamlReader.ReadEnvelope(rest, "items", part: true);
            envelope = ResourceListCodec.Interpret(root, [], findings);
        }
        catch (YamlInputException)
        {
            return null;
        }
        var loaded = ConfigLoader.Load(envelope.FunctionConfig);
        findings.AddRange(loaded.Findings);
        if (findings.Any(f => f.Severity == Severity.Error))
            return null;

        ReadOnlySpan<byte> Text(DocumentPasses.Slice s) => input.Span.Slice(s.Start, s.Length);
        var passes = new DocumentPasses((slice, found) => Parse(input, slice, found), _ => 1, RenderPlan.IsGlobal);
        var slices = cut.Items.ConvertAll(i => new DocumentPasses.Slice(0, i.Start, i.Length, i.Line));
        if (!passes.First(slices, s => StreamedRender.MayMatter(Text(s))))
            return null;
        var renderFindings = new List<Finding>();
        var sources = loaded.GeneratorItem is { } g ? new[] { g } : null;
        var plan = RenderPlan.Build(slices.Where(s => s.Read is not null).SelectMany(s => s.Read!).Where(RenderPlan.IsGlobal), loaded.Config, sources, renderFindings);
        if (passes.Second(slices, plan, _ => false, Write) is not { } made || made.Any(p => p.ReadFindings.Count > 0))
            return null;
        foreach (var piece in made)
            renderFindings.AddRange(piece.RenderFindings);
        var last = DocumentPasses.Finish(plan, renderFindings, Write);
        findings.AddRange(renderFindings);
        if (renderFindings.Any(f => f.Severity >= loaded.Config.FailOn))
            return null;

        var head = new StringBuilder();
        var output = made.Select(p => p.Output).Append(last).ToList();
        ResourceListCodec.AppendHead(head, envelope.ApiVersion, output.Any(b => b.Length > 0));
        io.Out.Write(head);
        foreach (var buffer in output)
            buffer.WriteTo(io.Out);
        ResourceListCodec.WriteResults(io.Out, findings);
        io.Out.Flush();
        Outcome.Report(io.Error, findings, Severity.Warning); // kustomize drops results: stderr is all its users see
        return Outcome.Ok;
    }

    private static void Write(Utf8Buffer output, Resource item, Utf8Text scratch)
    {
        scratch.Clear();
        ResourceListCodec.AppendItem(scratch, item);
        output.Append(scratch.Written);
    }

    // One item, read as the whole envelope would read it: under an `items:` key of its own.
    private static List<Resource>? Parse(ReadOnlyMemory<byte> input, DocumentPasses.Slice slice, List<Finding> findings)
    {
        try
        {
            var (_, docs) = YamlReader.ReadEnvelope("items:\n" + Encoding.UTF8.GetString(input.Span.Slice(slice.Start, slice.Length)), "items", part: true);
            if (docs.Count != 1)
                return null;
            slice.Documents = 1;
            return Items.FromDocuments([docs[0] with { Line = docs[0].Line + slice.Line - 2 }], null, findings, "item", firstIndex: slice.Index);
        }
        catch (YamlInputException)
        {
            return null;
        }
    }

    /// <summary>Where the `items:` line begins, where the items end, and each item's (start, length, line).</summary>
    public sealed record Envelope(int ItemsLine, int End, List<(int Start, int Length, long Line)> Items);

    /// <summary>
    /// The items of a plain block envelope: exactly one `items:` line at column 0 with nothing after it but a comment,
    /// followed by a block sequence; no document markers or directives anywhere. Null otherwise.
    /// </summary>
    public static Envelope? Cut(ReadOnlySpan<byte> text)
    {
        int? itemsLine = null;
        int? column = null;
        int? end = null;
        var items = new List<(int Start, long Line)>();
        var line = 0L;
        for (var at = 0; at < text.Length;)
        {
            line++;
            var eol = text[at..].IndexOf((byte)'\n');
            var next = eol < 0 ? text.Length : at + eol + 1;
            var body = text[at..(eol < 0 ? text.Length : at + eol)];
            if (body.StartsWith("---"u8) || body.StartsWith("..."u8) || body.StartsWith("%"u8) || body.StartsWith("\t"u8))
                return null;
            var indent = body.IndexOfAnyExcept((byte)' ');
            var blank = indent < 0 || body[indent] is (byte)'#' or (byte)'\r';
            if (indent == 0 && body.StartsWith("items:"u8))
            {
                // one items key, with nothing after it on its line: a block sequence follows
                if (itemsLine is not null || !IsBlankAfter(body[6..]))
                    return null;
                itemsLine = at;
            }
            else if (itemsLine is not null && end is null && !blank)
            {
                column ??= indent;
                if (indent == column && IsDash(body[indent..]))
                    items.Add((at, line));
                else if (items.Count == 0)
                    return null;
                else if (indent <= column)
                    end = at; // the next top-level key: the items are over
            }
            at = next;
        }
        if (itemsLine is null || items.Count == 0)
            return null;
        var last = end ?? text.Length;
        return new Envelope(itemsLine.Value, last, DocumentSlices.Spans(items, last));
    }

    private static bool IsDash(ReadOnlySpan<byte> body) => body is [(byte)'-'] || body is [(byte)'-', (byte)' ' or (byte)'\r', ..];

    private static bool IsBlankAfter(ReadOnlySpan<byte> rest)
    {
        var content = rest.TrimStart((byte)' ').TrimEnd((byte)'\r');
        return content.Length == 0 || content[0] == (byte)'#';
    }
}
