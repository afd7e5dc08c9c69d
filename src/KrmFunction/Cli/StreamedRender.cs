using System.Text;
using KrmOtel.Config;
using KrmOtel.Model;
using KrmOtel.Protocol;
using KrmOtel.Rendering;
using KrmOtel.Yaml;

namespace KrmOtel.Cli;

/// <summary>
/// The render command's pipeline, one object's tree at a time: memory follows the input and output text, not the
/// trees of every object. A first pass parses only the documents whose text may hold an object that others depend on
/// (<see cref="RenderPlan.IsGlobal"/>, or the function config); the second parses, renders and writes each document,
/// on every core, into output held until the render is known to succeed. Where the text alone cannot be cut into
/// documents (a directive, a `...` line) or anything fails to read, it gives up before writing anything and the
/// whole-stream reader (<see cref="RenderSession"/>) renders instead, with exactly its findings.
/// </summary>
public sealed class StreamedRender
{
    private StreamedRender(List<Finding> findings, Severity failOn, List<Utf8Buffer>? output)
    {
        Findings = findings;
        FailOn = failOn;
        Output = output;
    }

    /// <summary>Every finding, in the order the whole-stream reader gives them.</summary>
    public List<Finding> Findings { get; }

    public Severity FailOn { get; }

    /// <summary>The rendered stream, null when nothing is to be written (an error, or a refusal).</summary>
    public List<Utf8Buffer>? Output { get; }

    // one document of a file: where its text is, the index of its object in the file, and, read in the first pass, its objects
    private sealed class Slice(int file, int start, int length, long line)
    {
        public int File { get; } = file;
        public int Start { get; } = start;
        public int Length { get; } = length;
        public long Line { get; } = line;
        public int Index { get; set; }
        public int Documents { get; set; }
        public List<Resource>? Read { get; set; }
        public List<Finding> ReadFindings { get; } = [];
    }

    // what one worker made of a run of slices
    private sealed class Piece
    {
        public Utf8Buffer Output { get; } = new();
        public List<Finding> ReadFindings { get; } = [];
        public List<Finding> RenderFindings { get; } = [];
        public int Objects { get; set; }
        public bool Failed { get; set; }
    }

    /// <param name="args">the command's arguments</param>
    /// <param name="texts">every file's text, in order</param>
    /// <param name="findings">the findings of finding the files</param>
    /// <returns>null where the whole-stream reader must render instead</returns>
    public static StreamedRender? Run(RenderArgs args, IReadOnlyList<(string Path, ReadOnlyMemory<byte> Text)> texts, IReadOnlyList<Finding> findings)
    {
        if (findings.Any(f => f.Severity == Severity.Error) || Slices(texts) is not { } slices)
            return null;
        // pass 1: the documents that may matter to others, and the index of every document's object in its file
        var file = -1;
        var index = 0;
        foreach (var slice in slices)
        {
            if (slice.File != file)
                (file, index) = (slice.File, 0);
            slice.Index = index;
            var text = texts[slice.File].Text.Span.Slice(slice.Start, slice.Length);
            var count = DocumentSlices.Documents(text);
            if (count is null || MayMatter(text))
            {
                if (Parse(texts, slice, slice.ReadFindings) is not { } read)
                    return null;
                count = slice.Documents;
                // only what others depend on is kept; the rest is read again in its turn
                if (read.Exists(r => RenderSession.IsFunctionConfig(r) || RenderPlan.IsGlobal(r)))
                    slice.Read = read;
                else
                    slice.ReadFindings.Clear();
            }
            index += count.Value;
        }
        var kept = slices.Where(s => s.Read is not null).SelectMany(s => s.Read!).ToList();
        var configFindings = new List<Finding>();
        var loaded = RenderSession.LoadConfig(args.ConfigFile, kept, configFindings);
        configFindings.AddRange(loaded.Findings);
        if (configFindings.Any(f => f.Severity == Severity.Error) || slices.Any(s => s.ReadFindings.Any(f => f.Severity == Severity.Error)))
            return null;
        var planFindings = new List<Finding>();
        var sources = loaded.GeneratorItem is { } g ? new[] { g } : null;
        var plan = RenderPlan.Build(kept.Where(r => !RenderSession.IsFunctionConfig(r) && RenderPlan.IsGlobal(r)), loaded.Config, sources, planFindings);

        // pass 2: every document, in runs of about equal text on every core
        var pieces = Runs(slices);
        var made = new Piece[pieces.Count];
        Parallel.For(0, pieces.Count, Renderer.Workers(slices.Count), p =>
        {
            var piece = made[p] = new Piece();
            var scratch = new StringBuilder(8192);
            var output = new List<Resource>();
            foreach (var slice in pieces[p])
            {
                var read = slice.Read;
                if (read is null)
                {
                    read = Parse(texts, slice, piece.ReadFindings);
                    if (read is null)
                    {
                        piece.Failed = true;
                        return;
                    }
                }
                else
                    piece.ReadFindings.AddRange(slice.ReadFindings);
                foreach (var item in read)
                {
                    if (RenderSession.IsFunctionConfig(item))
                        continue;
                    piece.Objects++;
                    output.Clear();
                    plan.Item(item, piece.RenderFindings, output);
                    foreach (var o in output)
                    {
                        if (!o.IsLocalConfig)
                            StreamCodec.Append(piece.Output, o, forCluster: true, scratch);
                    }
                }
            }
        });
        if (made.Any(p => p.Failed))
            return null;

        var all = new List<Finding>(findings);
        foreach (var piece in made)
            all.AddRange(piece.ReadFindings);
        all.AddRange(configFindings);
        if (made.Sum(p => p.Objects) == 0)
            all.Add(RenderSession.NothingFound(args));
        if (all.Any(f => f.Severity == Severity.Error))
            return new StreamedRender(all, loaded.Config.FailOn, null);
        var renderFindings = planFindings;
        foreach (var piece in made)
            renderFindings.AddRange(piece.RenderFindings);
        var trailing = new List<Resource>();
        plan.Finish(renderFindings, trailing);
        var last = new Utf8Buffer();
        var lastScratch = new StringBuilder();
        foreach (var o in trailing.Where(o => !o.IsLocalConfig))
            StreamCodec.Append(last, o, forCluster: true, lastScratch);
        all.AddRange(renderFindings);
        var refused = renderFindings.Any(f => f.Severity >= loaded.Config.FailOn);
        return new StreamedRender(all, loaded.Config.FailOn, refused ? null : [.. made.Select(p => p.Output), last]);
    }

    /// <summary>Writes the stream (each object after a `---` line, but the first).</summary>
    public void Write(TextWriter output)
    {
        var skip = 4L; // the first "---\n"
        foreach (var buffer in Output ?? [])
        {
            buffer.WriteTo(output, Math.Min(skip, buffer.Length));
            skip -= Math.Min(skip, buffer.Length);
        }
    }

    private static List<Slice>? Slices(IReadOnlyList<(string Path, ReadOnlyMemory<byte> Text)> texts)
    {
        var slices = new List<Slice>();
        for (var f = 0; f < texts.Count; f++)
        {
            var text = texts[f].Text.Span;
            var cut = DocumentSlices.Cut(text, 1, stopAtDocumentEnd: true);
            if (cut is null || cut.Count > YamlLimits.Default.MaxDocuments)
                return null;
            // comments before the first `---` belong to the document after it
            if (cut.Count > 1 && DocumentSlices.Documents(text[..cut[0].Length]) == 0 && !text.StartsWith("---"u8))
                cut = [(0, cut[0].Length + cut[1].Length, 1), .. cut.Skip(2)];
            slices.AddRange(cut.Select(c => new Slice(f, c.Start, c.Length, c.Line)));
        }
        return slices;
    }

    private static List<Resource>? Parse(IReadOnlyList<(string Path, ReadOnlyMemory<byte> Text)> texts, Slice slice, List<Finding> findings)
    {
        try
        {
            var text = Encoding.UTF8.GetString(texts[slice.File].Text.Span.Slice(slice.Start, slice.Length));
            var docs = YamlReader.ReadStreamInOnePass(text).ConvertAll(d => d with { Line = d.Line + slice.Line - 1 });
            slice.Documents = docs.Count;
            return Items.FromDocuments(docs, texts[slice.File].Path, findings, skipKustomize: true, firstIndex: slice.Index);
        }
        catch (YamlInputException)
        {
            return null;
        }
    }

    // Whether a document may be an object every other depends on: its kind's name is in its text (a YAML escape could
    // spell it otherwise, so a backslash counts too).
    private static readonly byte[] ConfigKind = Encoding.ASCII.GetBytes(ConfigSchema.Kind);

    private static bool MayMatter(ReadOnlySpan<byte> text) =>
        text.IndexOf("Instrumentation"u8) >= 0
        || text.IndexOf("OpenTelemetryCollector"u8) >= 0
        || text.IndexOf(ConfigKind) >= 0
        || HasWord(text, "Namespace"u8)
        || text.IndexOf((byte)'\\') >= 0;

    private static bool HasWord(ReadOnlySpan<byte> text, ReadOnlySpan<byte> word)
    {
        for (var at = text.IndexOf(word); at >= 0;)
        {
            if (at == 0 || !char.IsAsciiLetterOrDigit((char)text[at - 1]))
                return true;
            var next = text[(at + 1)..].IndexOf(word);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return false;
    }

    // Runs of consecutive slices of about equal text, a few per core so that an uneven one does not hold the others up.
    private static List<List<Slice>> Runs(List<Slice> slices)
    {
        var pieces = Environment.ProcessorCount * 4;
        var total = slices.Sum(s => (long)s.Length);
        var runs = new List<List<Slice>> { new() };
        long size = 0;
        foreach (var slice in slices)
        {
            if (size >= total / pieces && runs[^1].Count > 0)
            {
                runs.Add([]);
                size = 0;
            }
            runs[^1].Add(slice);
            size += slice.Length;
        }
        return runs;
    }
}
