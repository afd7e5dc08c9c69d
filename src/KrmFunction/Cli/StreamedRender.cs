using System.Text;
using KrmOtel.Config;
using KrmOtel.Model;
using KrmOtel.Protocol;
using KrmOtel.Rendering;
using KrmOtel.Yaml;

namespace KrmOtel.Cli;

/// <summary>
/// The render command's pipeline, one document's tree at a time (<see cref="DocumentPasses"/>): memory follows the
/// input and output text, not the trees of every object. Where the text alone cannot be cut into documents (a
/// directive, a `...` line) or anything fails to read, it gives up before writing anything and the whole-stream
/// reader (<see cref="RenderSession"/>) renders instead, with exactly its findings.
/// </summary>
public sealed class StreamedRender
{
    private static readonly byte[] ConfigKind = Encoding.ASCII.GetBytes(ConfigSchema.Kind);

    private StreamedRender(List<Finding> findings, Severity failOn, List<Utf8Buffer>? output)
    {
        Findings = findings;
        FailOn = failOn;
        Output = output;
    }

    /// <summary>
    /// Every finding the command reports, in the order the whole-stream reader gives them: of the render's own, only
    /// warnings and errors (info is neither shown nor can it refuse a render).
    /// </summary>
    public List<Finding> Findings { get; }

    public Severity FailOn { get; }

    /// <summary>The rendered stream, null when nothing is to be written (an error, or a refusal).</summary>
    public List<Utf8Buffer>? Output { get; }

    /// <param name="args">the command's arguments</param>
    /// <param name="texts">every file's UTF-8 text, in order</param>
    /// <param name="findings">the findings of finding the files</param>
    /// <returns>null where the whole-stream reader must render instead</returns>
    public static StreamedRender? Run(RenderArgs args, IReadOnlyList<(string Path, ReadOnlyMemory<byte> Text)> texts, IReadOnlyList<Finding> findings)
    {
        if (findings.Any(f => f.Severity == Severity.Error) || Slices(texts) is not { } slices)
            return null;
        ReadOnlySpan<byte> Text(DocumentPasses.Slice s) => texts[s.File].Text.Span.Slice(s.Start, s.Length);
        var passes = new DocumentPasses(
            (slice, found) => Parse(texts, slice, found),
            slice => DocumentSlices.Documents(Text(slice)),
            r => RenderSession.IsFunctionConfig(r) || RenderPlan.IsGlobal(r));
        if (!passes.First(slices, s => MayMatter(Text(s))))
            return null;
        var kept = slices.Where(s => s.Read is not null).SelectMany(s => s.Read!).ToList();
        var configFindings = new List<Finding>();
        var loaded = RenderSession.LoadConfig(args.ConfigFile, kept, configFindings);
        configFindings.AddRange(loaded.Findings);
        if (configFindings.Any(f => f.Severity == Severity.Error))
            return null;
        var renderFindings = new List<Finding>();
        var sources = loaded.GeneratorItem is { } g ? new[] { g } : null;
        var plan = RenderPlan.Build(kept.Where(RenderPlan.IsGlobal), loaded.Config, sources, renderFindings);
        if (passes.Second(slices, plan, RenderSession.IsFunctionConfig, Write, least: Severity.Warning) is not { } made)
            return null;

        var all = new List<Finding>(findings);
        foreach (var piece in made)
            all.AddRange(piece.ReadFindings);
        all.AddRange(configFindings);
        if (made.Sum(p => p.Objects) == 0)
            all.Add(RenderSession.NothingFound(args));
        if (all.Any(f => f.Severity == Severity.Error))
            return new StreamedRender(all, loaded.Config.FailOn, null);
        foreach (var piece in made)
            renderFindings.AddRange(piece.RenderFindings);
        var last = DocumentPasses.Finish(plan, renderFindings, Write);
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

    // what the cluster gets: no local-config objects, no tool annotations
    private static void Write(Utf8Buffer output, Resource item, Utf8Text scratch)
    {
        if (!item.IsLocalConfig)
            StreamCodec.Append(output, item, forCluster: true, scratch);
    }

    private static List<DocumentPasses.Slice>? Slices(IReadOnlyList<(string Path, ReadOnlyMemory<byte> Text)> texts)
    {
        var slices = new List<DocumentPasses.Slice>();
        for (var f = 0; f < texts.Count; f++)
        {
            var text = texts[f].Text.Span;
            var cut = DocumentSlices.Cut(text, 1, stopAtDocumentEnd: true);
            if (cut is null || cut.Count > YamlLimits.Default.MaxDocuments)
                return null;
            // comments before the first `---` belong to the document after it
            if (cut.Count > 1 && DocumentSlices.Documents(text[..cut[0].Length]) == 0 && !text.StartsWith("---"u8))
                cut = [(0, cut[0].Length + cut[1].Length, 1), .. cut.Skip(2)];
            slices.AddRange(cut.Select(c => new DocumentPasses.Slice(f, c.Start, c.Length, c.Line)));
        }
        return slices;
    }

    private static List<Resource>? Parse(IReadOnlyList<(string Path, ReadOnlyMemory<byte> Text)> texts, DocumentPasses.Slice slice, List<Finding> findings)
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
    internal static bool MayMatter(ReadOnlySpan<byte> text) =>
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
}
