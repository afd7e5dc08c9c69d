namespace KrmOtel.Yaml;

/// <summary>
/// Where a stream's documents begin, found without parsing: a `---` at the start of a line always starts a document
/// (YAML forbids it inside any scalar). A slice is the text from one such line to the next.
/// </summary>
public static class DocumentSlices
{
    /// <summary>
    /// Pieces of at least <paramref name="target"/> characters, each beginning at a `---` line (the first at 0), as
    /// (start, length, first line). Null where a line starts a directive (`%`, which belongs to the document after it),
    /// or, with <paramref name="stopAtDocumentEnd"/>, where a `...` line lets a document begin without `---`.
    /// </summary>
    public static List<(int Start, int Length, long Line)>? Cut(string text, int target, bool stopAtDocumentEnd)
    {
        if (text.StartsWith('%') || (stopAtDocumentEnd && IsMarker(text, 0, "...")))
            return null;
        var cuts = new List<(int Index, long Line)> { (0, 1) };
        var line = 1L;
        var next = Math.Max(target, 1);
        var at = text.IndexOf('\n');
        while (at >= 0)
        {
            line++;
            at++;
            if (at < text.Length)
            {
                var c = text[at];
                if (c == '%' || (stopAtDocumentEnd && c == '.' && IsMarker(text, at, "...")))
                    return null;
                if (c == '-' && at >= next && IsMarker(text, at, "---"))
                {
                    cuts.Add((at, line));
                    next = at + target;
                }
            }
            at = text.IndexOf('\n', at);
        }
        var result = new List<(int, int, long)>(cuts.Count);
        for (var k = 0; k < cuts.Count; k++)
            result.Add((cuts[k].Index, (k + 1 < cuts.Count ? cuts[k + 1].Index : text.Length) - cuts[k].Index, cuts[k].Line));
        return result;
    }

    /// <summary>
    /// How many non-null documents a slice holds, where the text says so: 0 when it has no content, 1 when its content
    /// begins like a mapping, a sequence or a non-null scalar; null when only parsing can tell (a root that may be null).
    /// </summary>
    public static int? Documents(ReadOnlySpan<char> slice)
    {
        var first = true;
        while (slice.Length > 0)
        {
            var eol = slice.IndexOf('\n');
            var line = eol < 0 ? slice : slice[..eol];
            if (first && line.StartsWith("---"))
                line = line[3..];
            first = false;
            var content = line.TrimStart(" \t\r");
            if (content.Length > 0 && content[0] != '#')
                return content[0] is '~' or 'n' or 'N' or '!' or '&' or '*' ? null : 1;
            slice = eol < 0 ? [] : slice[(eol + 1)..];
        }
        return 0;
    }

    private static bool IsMarker(string text, int at, string marker) =>
        at + 3 <= text.Length && string.CompareOrdinal(text, at, marker, 0, 3) == 0
        && (at + 3 == text.Length || text[at + 3] is '\n' or '\r' or ' ' or '\t');
}
