using KrmOtel.Model;

namespace KrmOtel.Cli;

/// <summary>
/// <c>krm-otel doctor PATH... [--config FILE]</c>: for people and CI. Renders as render does, writes no objects, and
/// prints every finding as a table on stdout; exit 1 when one is at or above failOn.
/// </summary>
public static class DoctorCommand
{
    private static readonly string[] Header = ["SEVERITY", "OBJECT", "FIELD", "FILE", "MESSAGE"];

    public static int Run(IReadOnlyList<string> args, StdStreams io)
    {
        var (parsed, error) = RenderArgs.Parse(args, "doctor");
        if (parsed is null)
        {
            io.Error.WriteLine("krm-otel: " + error);
            io.Error.WriteLine("usage: krm-otel doctor PATH... [--config FILE]");
            return Outcome.Usage;
        }
        var session = RenderSession.Read(parsed, io);
        session.Render();
        io.Out.Write(Table(session.Findings));
        io.Out.WriteLine(Summary(session.Findings));
        return session.Findings.Any(f => f.Severity >= session.FailOn) ? Outcome.Refused : Outcome.Ok;
    }

    /// <summary>One row a finding, columns padded to their widest cell; the message, last, is never cut.</summary>
    public static string Table(IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
            return "";
        var rows = findings.Select(Row).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length - 1).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new System.Text.StringBuilder();
        foreach (var row in rows)
        {
            for (var c = 0; c < widths.Length; c++)
                sb.Append(row[c].PadRight(widths[c])).Append("  ");
            sb.Append(row[^1]).Append('\n');
        }
        return sb.ToString();
    }

    private static string[] Row(Finding f) =>
    [
        f.Severity.ToString().ToLowerInvariant(),
        Finding.Printable(f.Resource?.Display ?? "-"),
        Finding.Printable(f.Field ?? "-"),
        Finding.Printable(f.File is { } file ? (file.Index > 0 ? $"{file.Path}#{file.Index}" : file.Path) : "-"),
        OneLine(f.Message),
    ];

    // a message quoting input may hold a line break, a tab or a NUL: a table row stays one printable line
    private static string OneLine(string s) => Finding.Printable(s.ReplaceLineEndings(" ").Replace('\t', ' '));

    private static string Summary(IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0)
            return "no findings";
        var counts = Enum.GetValues<Severity>().Reverse()
            .Select(s => (Severity: s, Count: findings.Count(f => f.Severity == s)))
            .Where(x => x.Count > 0)
            .Select(x => $"{x.Severity.ToString().ToLowerInvariant()}: {x.Count}");
        return $"{findings.Count} finding(s): {string.Join(", ", counts)}";
    }
}
