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
    private static List<(int Start, int Length, long Line)> Split(string text, int pieces) =>
        DocumentSlices.Cut(text.AsSpan(), text.Length / pieces, stopAtDocumentEnd: false) ?? [];
}
