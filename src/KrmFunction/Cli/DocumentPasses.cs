using System.Text;
using KrmOtel.Model;
using KrmOtel.Protocol;
using KrmOtel.Rendering;
using KrmOtel.Yaml;

namespace KrmOtel.Cli;

/// <summary>
/// The two passes of a streamed render, over slices of UTF-8 text that each hold one document (or one ResourceList
/// item): the first parses only the slices whose text may hold an object others depend on and numbers every object;
/// the second parses, renders and writes each slice in runs of about equal text, on every core, into output held
/// until the render is known to succeed. Only one slice's trees are alive per core.
/// </summary>
/// <param name="parse">a slice's objects (its read findings to the list), or null where it does not read</param>
/// <param name="count">how many objects a slice holds, where its text says so without parsing</param>
/// <param name="keep">which objects the first pass keeps for the second: those others depend on</param>
internal sealed class DocumentPasses(Func<DocumentPasses.Slice, List<Finding>, List<Resource>?> parse, Func<DocumentPasses.Slice, int?> count, Func<Resource, bool> keep)
{
    /// <summary>One document's text in its file, the index of its first object there, and what the first pass read of it.</summary>
    public sealed class Slice(int file, int start, int length, long line)
    {
        public int File { get; } = file;
        public int Start { get; } = start;
        public int Length { get; } = length;
        public long Line { get; } = line;
        public int Index { get; set; }

        /// <summary>How many documents the slice holds, as its parse found (the parse sets it).</summary>
        public int Documents { get; set; }

        public List<Resource>? Read { get; set; }
        public List<Finding> ReadFindings { get; } = [];
    }

    /// <summary>What one worker made of a run of slices.</summary>
    public sealed class Piece
    {
        public Utf8Buffer Output { get; } = new();
        public List<Finding> ReadFindings { get; } = [];
        public List<Finding> RenderFindings { get; } = [];
        public int Objects { get; set; }
        public bool Failed { get; set; }
    }

    /// <summary>Pass 1; false where a slice it had to parse does not read.</summary>
    /// <param name="slices">every slice, files in order</param>
    /// <param name="mayMatter">whether a slice's text may hold an object others depend on</param>
    public bool First(List<Slice> slices, Func<Slice, bool> mayMatter)
    {
        var file = -1;
        var index = 0;
        foreach (var slice in slices)
        {
            if (slice.File != file)
                (file, index) = (slice.File, 0);
            slice.Index = index;
            var objects = count(slice);
            if (objects is null || mayMatter(slice))
            {
                if (parse(slice, slice.ReadFindings) is not { } read)
                    return false;
                objects = slice.Documents;
                // only what others depend on is kept; the rest is read again in its turn
                if (read.Exists(r => keep(r)))
                    slice.Read = read;
                else
                    slice.ReadFindings.Clear();
            }
            index += objects.Value;
        }
        return slices.TrueForAll(s => !s.ReadFindings.Exists(f => f.Severity == Severity.Error));
    }

    /// <summary>Pass 2; null where a slice does not read.</summary>
    /// <param name="slices">every slice, after <see cref="First"/></param>
    /// <param name="plan">what the render knows of the objects others depend on</param>
    /// <param name="skip">objects that are read but neither rendered nor written</param>
    /// <param name="write">writes one object of the output</param>
    /// <param name="least">the least severity of a render finding that is kept (the render command shows no info)</param>
    public Piece[]? Second(List<Slice> slices, RenderPlan plan, Func<Resource, bool> skip, Action<Utf8Buffer, Resource, Utf8Text> write, Severity least = Severity.Info)
    {
        var runs = Runs(slices);
        var made = new Piece[runs.Count];
        Parallel.For(0, runs.Count, Renderer.Workers(slices.Count), p =>
        {
            var piece = made[p] = new Piece();
            var scratch = new Utf8Text(8192);
            var output = new List<Resource>();
            foreach (var slice in runs[p])
            {
                var read = slice.Read;
                if (read is null)
                {
                    read = parse(slice, piece.ReadFindings);
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
                    if (skip(item))
                        continue;
                    piece.Objects++;
                    output.Clear();
                    var found = piece.RenderFindings.Count;
                    plan.Item(item, piece.RenderFindings, output);
                    // one info finding for each instrumented pod, held to the end for nothing, would be copied by every collection
                    if (least > Severity.Info)
                        DropBelow(piece.RenderFindings, found, least);
                    foreach (var o in output)
                        write(piece.Output, o, scratch);
                }
            }
        });
        return made.Any(p => p.Failed) ? null : made;
    }

    private static void DropBelow(List<Finding> findings, int from, Severity least)
    {
        var kept = from;
        for (var i = from; i < findings.Count; i++)
        {
            if (findings[i].Severity >= least)
                findings[kept++] = findings[i];
        }
        findings.RemoveRange(kept, findings.Count - kept);
    }

    /// <summary>The objects of a plan's sources, after every slice.</summary>
    public static Utf8Buffer Finish(RenderPlan plan, List<Finding> findings, Action<Utf8Buffer, Resource, Utf8Text> write)
    {
        var trailing = new List<Resource>();
        plan.Finish(findings, trailing);
        var last = new Utf8Buffer();
        var scratch = new Utf8Text();
        foreach (var o in trailing)
            write(last, o, scratch);
        return last;
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
