using KrmOtel.Eject;
using KrmOtel.Model;

namespace KrmOtel.Cli;

/// <summary>
/// <c>krm-otel eject PATH... --out DIR [--config FILE]</c>: for teams leaving the tool. Renders, then writes the input
/// objects and a kustomization whose JSON6902 patches are the render's operations: <c>kubectl kustomize DIR</c> gives
/// what render gives. Writes into a new or empty directory only; nothing on a refusal.
/// </summary>
public static class EjectCommand
{
    private const string UsageLine = "usage: krm-otel eject PATH... --out DIR [--config FILE]";

    public static int Run(IReadOnlyList<string> args, StdStreams io)
    {
        var (parsed, error) = RenderArgs.Parse(args, "eject", takesOut: true);
        if (parsed is null)
            return Usage(io, error!);
        if (parsed.OutDir is not { } dir)
            return Usage(io, "eject needs --out DIR, the directory to write the kustomization to");
        if (OutDirProblem(dir) is { } problem)
            return Usage(io, problem);

        var session = RenderSession.Read(parsed, io);
        var originals = session.Items.Select(OriginalObject.Capture).ToList();
        if (session.Render() is { } result)
        {
            var plan = EjectPlan.Build(originals, result.Items.Where(i => !i.IsLocalConfig).ToList());
            session.Findings.AddRange(plan.Findings);
            if (!plan.Failed && Write(dir, plan.Files, io) is { } failure)
                session.Findings.Add(new Finding(Severity.Error, failure));
        }
        return session.Finish(io.Error);
    }

    private static string? OutDirProblem(string dir)
    {
        if (File.Exists(dir))
            return $"--out {dir} is a file; eject writes into a new or empty directory";
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            return $"--out {dir} is not empty; eject writes into a new or empty directory";
        return null;
    }

    // Every path is checked to stay inside DIR before anything is written; the paths written are printed, one a line.
    private static string? Write(string dir, IReadOnlyList<EjectedFile> files, StdStreams io)
    {
        var root = Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var targets = files.Select(f => (File: f, Full: Path.GetFullPath(Path.Combine(root, f.Path)))).ToList();
        if (targets.FirstOrDefault(t => Path.IsPathRooted(t.File.Path) || !t.Full.StartsWith(root, StringComparison.Ordinal)) is { File: { } outside })
            return $"eject: {outside.Path} would be written outside --out {dir}; nothing written";
        try
        {
            foreach (var (file, full) in targets)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, file.Text);
                io.Out.WriteLine(Path.Combine(dir, file.Path));
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"eject: cannot write to {dir}: {e.Message}";
        }
    }

    private static int Usage(StdStreams io, string message)
    {
        io.Error.WriteLine("krm-otel: " + message);
        io.Error.WriteLine(UsageLine);
        return Outcome.Usage;
    }
}
