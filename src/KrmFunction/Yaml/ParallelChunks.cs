namespace KrmOtel.Yaml;

/// <summary>
/// Large streams are cut at document markers (a `---` at the start of a line always starts a document: YAML forbids
/// it inside any scalar) and the pieces parsed on every core. Any error, or a directive (`%YAML`, which belongs to
/// the document after it), sends the whole stream to the one-pass reader, so messages and lines are exactly its.
/// </summary>
public static class ParallelChunks
{
    private const int Threshold = 1 << 18;

    public static List<YamlDocument> Read(string text, YamlLimits limits, Func<string, List<YamlDocument>> parse)
    {
        var chunks = text.Length < Threshold || Environment.ProcessorCount < 2 ? [] : Split(text, Environment.ProcessorCount * 4);
        if (chunks.Count < 2)
            return parse(text);
        var results = new List<YamlDocument>[chunks.Count];
        var failed = false;
        Parallel.For(0, chunks.Count, i =>
        {
            try
            {
                var (start, length, line) = chunks[i];
                results[i] = parse(text.Substring(start, length)).ConvertAll(d => d with { Line = d.Line + line - 1 });
            }
            catch (YamlInputException)
            {
                failed = true;
            }
        });
        var documents = failed ? null : results.SelectMany(r => r).ToList();
        return documents is null || documents.Count > limits.MaxDocuments ? parse(text) : documents;
    }

    // (start, length, first line) of pieces of about equal size, each beginning at a `---` line
    private static List<(int Start, int Length, long Line)> Split(string text, int pieces)
    {
        if (text.StartsWith('%'))
            return [];
        var cuts = new List<(int Index, long Line)> { (0, 1) };
        var target = text.Length / pieces;
        var line = 1L;
        var next = target;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n')
                continue;
            line++;
            var at = i + 1;
            if (at < text.Length && text[at] == '%')
                return []; // a directive: the one-pass reader handles it
            if (at >= next && IsMarker(text, at))
            {
                cuts.Add((at, line));
                next = at + target;
            }
        }
        return cuts.Select((c, k) => (c.Index, (k + 1 < cuts.Count ? cuts[k + 1].Index : text.Length) - c.Index, c.Line)).ToList();
    }

    private static bool IsMarker(string text, int at) =>
        at + 3 <= text.Length && string.CompareOrdinal(text, at, "---", 0, 3) == 0
        && (at + 3 == text.Length || text[at + 3] is '\n' or '\r' or ' ' or '\t');
}
