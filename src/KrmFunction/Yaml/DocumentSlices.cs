using System.Numerics;

namespace KrmOtel.Yaml;

/// <summary>
/// Where a stream's documents begin, found without parsing, in text or in its UTF-8 bytes alike: a `---` at the start
/// of a line always starts a document (YAML forbids it inside any scalar). A slice is the text from one such line to
/// the next.
/// </summary>
public static class DocumentSlices
{
    /// <summary>
    /// Pieces of at least <paramref name="target"/> characters, each beginning at a `---` line (the first at 0), as
    /// (start, length, first line). Null where a line starts a directive (`%`, which belongs to the document after it),
    /// or, with <paramref name="stopAtDocumentEnd"/>, where a `...` line lets a document begin without `---`.
    /// </summary>
    public static List<(int Start, int Length, long Line)>? Cut<T>(ReadOnlySpan<T> text, int target, bool stopAtDocumentEnd)
        where T : unmanaged, IBinaryInteger<T>
    {
        var (newline, percent) = (T.CreateTruncating('\n'), T.CreateTruncating('%'));
        if ((text.Length > 0 && text[0] == percent) || (stopAtDocumentEnd && IsMarker(text, 0, '.')))
            return null;
        var cuts = new List<(int Start, long Line)> { (0, 1) };
        var line = 1L;
        var next = Math.Max(target, 1);
        var at = text.IndexOf(newline);
        while (at >= 0)
        {
            line++;
            at++;
            if (at < text.Length)
            {
                if (text[at] == percent || (stopAtDocumentEnd && IsMarker(text, at, '.')))
                    return null;
                if (at >= next && IsMarker(text, at, '-'))
                {
                    cuts.Add((at, line));
                    next = at + target;
                }
            }
            var rest = text[at..].IndexOf(newline);
            at = rest < 0 ? -1 : at + rest;
        }
        return Spans(cuts, text.Length);
    }

    /// <summary>(start, length, first line) of pieces that each run from one start to the next, the last to <paramref name="end"/>.</summary>
    public static List<(int Start, int Length, long Line)> Spans(List<(int Start, long Line)> starts, int end)
    {
        var result = new List<(int, int, long)>(starts.Count);
        for (var k = 0; k < starts.Count; k++)
            result.Add((starts[k].Start, (k + 1 < starts.Count ? starts[k + 1].Start : end) - starts[k].Start, starts[k].Line));
        return result;
    }

    /// <summary>
    /// How many non-null documents a slice holds, where the text says so: 0 when it has no content, 1 when its content
    /// begins like a mapping, a sequence or a non-null scalar; null when only parsing can tell (a root that may be null).
    /// </summary>
    public static int? Documents<T>(ReadOnlySpan<T> slice)
        where T : unmanaged, IBinaryInteger<T>
    {
        var newline = T.CreateTruncating('\n');
        var first = true;
        while (slice.Length > 0)
        {
            var eol = slice.IndexOf(newline);
            var line = eol < 0 ? slice : slice[..eol];
            if (first && IsMarker(line, 0, '-'))
                line = line[3..];
            first = false;
            var start = 0;
            while (start < line.Length && Char(line[start]) is ' ' or '\t' or '\r')
                start++;
            if (start < line.Length && Char(line[start]) != '#')
                return Char(line[start]) is '~' or 'n' or 'N' or '!' or '&' or '*' ? null : 1;
            slice = eol < 0 ? [] : slice[(eol + 1)..];
        }
        return 0;
    }

    private static char Char<T>(T c) where T : unmanaged, IBinaryInteger<T> => (char)ushort.CreateTruncating(c);

    // `---` or `...` at the start of a line, then its end or a blank
    private static bool IsMarker<T>(ReadOnlySpan<T> text, int at, char mark)
        where T : unmanaged, IBinaryInteger<T> =>
        at + 3 <= text.Length && Char(text[at]) == mark && Char(text[at + 1]) == mark && Char(text[at + 2]) == mark
        && (at + 3 == text.Length || Char(text[at + 3]) is '\n' or '\r' or ' ' or '\t');
}
